using System.Security.Claims;
using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Sso;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Sso;

/// <summary>Why an SSO sign-in was refused (each has its Spanish text, "Sso.Refused.{reason}").</summary>
public enum SsoRefusal { Denied, Provider, Unavailable, NoIdentifier, NoEmail, EmailUnverified, Domain, EmailLinkedElsewhere, Locked, Zoom }

/// <summary>The person to sign in, or why not. <see cref="Detail"/> carries Zoom's message for <see cref="SsoRefusal.Zoom"/>.</summary>
public sealed record SsoOutcome(AppUser? User, SsoRefusal? Refusal = null, string? Detail = null, bool IsAdmin = false);

/// <summary>
/// The Aulario side of an SSO callback: finds the person by the external login (issuer + identifier claim, never by email
/// once linked), provisions the first sign-in of an allowed domain (AppUser, external login, account linked or created
/// through Core, roles and portals from the mapping), refreshes names and roles on later sign-ins. Audited as "sso:{issuer}".
/// Refusals change nothing but their audit entry.
/// </summary>
public sealed partial class SsoSignIn(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, AularioDbContext db, SsoAccounts accounts, IAuditLog audit,
    IOptions<SsoOptions> options, ILogger<SsoSignIn> logger)
{
    private static readonly string[] ManagedRoles = [AularioRoles.InstitutionAdmin, AularioRoles.PortalAdmin, AularioRoles.Host];

    public async Task<SsoOutcome> ProcessAsync(ClaimsPrincipal external, CancellationToken ct)
    {
        var o = options.Value;
        var actor = new Actor("sso:" + o.Issuer);
        var identifier = external.FindFirstValue(o.IdentifierClaim)?.Trim();
        var email = external.FindFirstValue(o.EmailClaim)?.Trim();
        if (string.IsNullOrEmpty(identifier)) return await RefuseAsync(actor, SsoRefusal.NoIdentifier, email ?? "?", ct);
        if (string.IsNullOrEmpty(email) || AccountRules.ValidateEmail(email) is not null) return await RefuseAsync(actor, SsoRefusal.NoEmail, identifier, ct);
        if (string.Equals(external.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase))
            return await RefuseAsync(actor, SsoRefusal.EmailUnverified, email, ct);
        if (!o.AllowsEmail(email)) return await RefuseAsync(actor, SsoRefusal.Domain, email, ct);

        var person = SsoPerson.From(email, external.FindFirstValue(o.GivenNameClaim), external.FindFirstValue(o.FamilyNameClaim),
            external.FindFirstValue(o.NameClaim));
        var grant = SsoRoles.Map(o, string.IsNullOrWhiteSpace(o.RoleClaim) ? [] : external.FindAll(o.RoleClaim).Select(c => c.Value));

        var user = await users.FindByLoginAsync(o.Issuer, identifier);
        var firstSignIn = user is null;
        if (user is null)
        {
            // First sign-in. A local user with this email (e.g. an admin created by setup) is linked, unless it is already
            // linked to another identity at this provider: a recycled address must not inherit someone else's access.
            var byEmail = await users.FindByEmailAsync(person.Email);
            if (byEmail is not null && (await users.GetLoginsAsync(byEmail)).Any(l => l.LoginProvider == o.Issuer))
                return await RefuseAsync(actor, SsoRefusal.EmailLinkedElsewhere, person.Email, ct);
            if (byEmail is not null && await users.IsLockedOutAsync(byEmail)) return await RefuseAsync(actor, SsoRefusal.Locked, person.Email, ct);
            user = byEmail;
        }
        else if (await users.IsLockedOutAsync(user))
        {
            return await RefuseAsync(actor, SsoRefusal.Locked, person.Email, ct);
        }

        // The account: linked or created on the first sign-in, and again later while the person still has none.
        Guid? accountId = user?.AccountId;
        if (accountId is null)
        {
            var account = await accounts.LinkOrCreateAsync(person, actor, ct);
            if (!account.IsSuccess)
            {
                LogProvisioningFailed(logger, person.Email, account.Errors[0].Code);
                return await RefuseAsync(actor, SsoRefusal.Zoom, person.Email, ct, account.Errors[0].Message);
            }
            if (account.Value.Account is { } a && !await db.Users.AnyAsync(u => u.AccountId == a.Id && (user == null || u.Id != user.Id), ct))
                accountId = a.Id;
            else if (account.Value.Account is { } taken)
                LogAccountOwned(logger, taken.Email);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (user is null)
        {
            user = new AppUser { UserName = person.Email, Email = person.Email, EmailConfirmed = true, DisplayName = Display(person), AccountId = accountId };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                // E.g. an email with characters Identity does not take in user names: refuse cleanly, create nothing.
                await tx.RollbackAsync(ct);
                LogIdentityRefused(logger, person.Email, string.Join("; ", created.Errors.Select(e => e.Code)));
                return await RefuseAsync(actor, SsoRefusal.NoEmail, person.Email, ct);
            }
            audit.Record(actor, "sso.user-created", $"user:{person.Email}", after: new { user.Email, user.DisplayName, AccountId = accountId });
        }
        else
        {
            var before = new { user.DisplayName, user.AccountId };
            var changed = false;
            if (user.DisplayName != Display(person)) { user.DisplayName = Display(person); changed = true; }
            if (user.AccountId is null && accountId is not null) { user.AccountId = accountId; changed = true; }
            if (changed)
            {
                await users.UpdateAsync(user);
                audit.Record(actor, "sso.user-updated", $"user:{user.Email}", before, new { user.DisplayName, user.AccountId });
            }
        }
        if (firstSignIn)
        {
            var linked = await users.AddLoginAsync(user, new UserLoginInfo(o.Issuer, identifier, o.DisplayName));
            if (!linked.Succeeded) throw new InvalidOperationException("Identity refused the external login: " + string.Join("; ", linked.Errors.Select(e => e.Code)));
            audit.Record(actor, "sso.login-linked", $"user:{user.Email}", after: new { Provider = o.Issuer, Identifier = identifier });
        }
        if (accountId is not null && user.AccountId == accountId && firstSignIn)
            audit.Record(actor, "sso.account-linked", $"account:{person.Email}", after: new { user.Email, AccountId = accountId });

        // Local users (they have a password: setup, CLI) keep the roles given locally; SSO only adds to them.
        var authoritative = user.PasswordHash is null;
        await ApplyRolesAsync(user, grant, authoritative, actor, ct);
        audit.Record(actor, "signin.succeeded", $"user:{user.Email}", after: new { Method = "sso" });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        // Names in Aulario and Zoom (outside the transaction: it calls Zoom, and a failure there must not block signing in).
        if (!firstSignIn && user.AccountId is { } own)
        {
            var refreshed = await accounts.RefreshNamesAsync(own, person, actor, ct);
            if (!refreshed.IsSuccess) LogRefreshFailed(logger, person.Email, refreshed.Errors[0].Code);
        }
        var roleNames = await users.GetRolesAsync(user);
        return new SsoOutcome(user, IsAdmin: roleNames.Contains(AularioRoles.InstitutionAdmin) || roleNames.Contains(AularioRoles.PortalAdmin));
    }

    private static string Display(SsoPerson p) => $"{p.FirstName} {p.LastName}".Trim();

    private async Task ApplyRolesAsync(AppUser user, SsoGrant grant, bool authoritative, Actor actor, CancellationToken ct)
    {
        var desired = new HashSet<string>();
        if (grant.InstitutionAdmin) desired.Add(AularioRoles.InstitutionAdmin);
        if (grant.PortalAdmin) desired.Add(AularioRoles.PortalAdmin);
        if (grant.Host) desired.Add(AularioRoles.Host);
        var current = (await users.GetRolesAsync(user)).ToHashSet();
        var add = desired.Except(current).ToList();
        var remove = authoritative ? current.Intersect(ManagedRoles).Except(desired).ToList() : [];

        // Portal codes compare case-insensitively; an institution has a handful of portals.
        var portals = grant.PortalCodes.Count == 0 ? [] : (await db.Portals.AsNoTracking().Select(p => new { p.Id, p.Code }).ToListAsync(ct))
            .Where(p => grant.PortalCodes.Contains(p.Code, StringComparer.OrdinalIgnoreCase)).ToList();
        foreach (var missing in grant.PortalCodes.Where(c => !portals.Any(p => string.Equals(p.Code, c, StringComparison.OrdinalIgnoreCase))))
            LogUnknownPortal(logger, missing);
        var currentPortals = await db.AdminPortals.Where(p => p.UserId == user.Id).ToListAsync(ct);
        var addPortals = portals.Where(p => currentPortals.All(c => c.PortalId != p.Id)).ToList();
        var removePortals = authoritative ? currentPortals.Where(c => portals.All(p => p.Id != c.PortalId)).ToList() : [];
        if (add.Count == 0 && remove.Count == 0 && addPortals.Count == 0 && removePortals.Count == 0) return;

        foreach (var role in add)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
        if (add.Count > 0) await users.AddToRolesAsync(user, add);
        if (remove.Count > 0) await users.RemoveFromRolesAsync(user, remove);
        foreach (var p in addPortals) db.AdminPortals.Add(new AdminPortal { UserId = user.Id, PortalId = p.Id });
        db.AdminPortals.RemoveRange(removePortals);
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(user);
        audit.Record(actor, "sso.roles-changed", $"user:{user.Email}",
            before: new { Roles = current.Order().ToArray(), Portals = currentPortals.Select(p => p.PortalId).ToArray() },
            after: new { Roles = (await users.GetRolesAsync(user)).Order().ToArray(), Portals = (await db.AdminPortals.Where(p => p.UserId == user.Id).Select(p => p.PortalId).ToListAsync(ct)).ToArray() });
    }

    private async Task<SsoOutcome> RefuseAsync(Actor actor, SsoRefusal reason, string who, CancellationToken ct, string? detail = null)
    {
        db.ChangeTracker.Clear();
        audit.Record(actor, "sso.refused", $"user:{who}", after: new { Reason = reason.ToString() });
        await db.SaveChangesAsync(ct);
        return new SsoOutcome(null, reason, detail);
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "SSO could not provision the account of {Email}: {Code}")]
    private static partial void LogProvisioningFailed(ILogger logger, string email, string code);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "SSO: the account {Email} already belongs to another Aulario user; not linked")]
    private static partial void LogAccountOwned(ILogger logger, string email);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "SSO could not refresh the names of {Email}: {Code}")]
    private static partial void LogRefreshFailed(ILogger logger, string email, string code);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Warning, Message = "SSO: Identity refused the user {Email}: {Codes}")]
    private static partial void LogIdentityRefused(ILogger logger, string email, string codes);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "SSO role mapping names portal {Code}, which does not exist")]
    private static partial void LogUnknownPortal(ILogger logger, string code);
}
