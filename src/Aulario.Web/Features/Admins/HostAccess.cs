using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Web.Features.Admins;

/// <summary>
/// Self-service sign-in for an account's owner (a host): an Aulario user with the Host role and <see cref="AppUser.AccountId"/>
/// = the account, same email. Granted by an admin ("Dar acceso de autogestión": a single-use set-password link by mail) or
/// automatically when an invited person completes sign-up. Delegates need nothing more: they are hosts whom other hosts named
/// as assistants (derived from Zoom's assistants by self-service), not a role.
/// </summary>
public sealed class HostAccess(UserManager<AppUser> users, RoleManager<IdentityRole> roles, AularioDbContext db, AccountQueries accounts,
    AdminManagement admins, IAuditLog audit)
{
    public async Task<bool> HasAccessAsync(Guid accountId, CancellationToken ct = default) =>
        await db.Users.AnyAsync(u => u.AccountId == accountId, ct);

    /// <summary>"Dar acceso de autogestión" on /cuentas/{id}: within the admin's scope.</summary>
    public async Task<Result<AppUser>> GrantAsync(Guid accountId, Actor actor, AdminScope scope, Func<string, string, string> setPasswordUrl, string culture,
        CancellationToken ct = default)
    {
        var found = await accounts.GetAsync(accountId, scope, ct);
        if (!found.IsSuccess) return Result<AppUser>.Fail(found.Errors);
        var account = found.Value;
        if (account.Status == AccountStatus.Finalized)
            return Error.Conflict("host.account-finalized", "La cuenta está finalizada: reactivala antes de dar acceso.");
        if (await HasAccessAsync(accountId, ct))
            return Error.Conflict("host.already", $"{account.Email} ya tiene acceso de autogestión.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await LinkOrCreateAsync(account, null);
        if (!user.IsSuccess) return user;
        if (user.Value.PasswordHash is null) await admins.QueueSetPasswordMailAsync(user.Value, admin: false, setPasswordUrl, culture);
        audit.Record(actor, "account.self-service-granted", $"account:{account.Email}", portalId: account.PortalId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }

    /// <summary>After an invited person signs up: the password they chose also becomes their Aulario password (Identity stores
    /// only its salted hash) when it meets Aulario's rules; otherwise they get the set-password link by mail instead.</summary>
    public async Task<Result<AppUser>> GrantOnSignUpAsync(Account account, string password, Func<string, string, string> setPasswordUrl, string culture,
        CancellationToken ct = default)
    {
        if (await HasAccessAsync(account.Id, ct)) return Error.Conflict("host.already", $"{account.Email} ya tiene acceso de autogestión.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await LinkOrCreateAsync(account, password);
        if (!user.IsSuccess) return user;
        if (user.Value.PasswordHash is null) await admins.QueueSetPasswordMailAsync(user.Value, admin: false, setPasswordUrl, culture);
        audit.Record(new Actor(account.Email), "account.self-service-granted", $"account:{account.Email}", after: new { OnSignUp = true }, portalId: account.PortalId);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }

    /// <summary>The person's Aulario user, linked to the account: an existing one with that email (an admin who also owns an
    /// account) gains the Host role; otherwise a new user, with <paramref name="password"/> when it passes Identity's validators.</summary>
    private async Task<Result<AppUser>> LinkOrCreateAsync(Account account, string? password)
    {
        if (!await roles.RoleExistsAsync(AularioRoles.Host)) await roles.CreateAsync(new IdentityRole(AularioRoles.Host));
        var user = await users.FindByEmailAsync(account.Email);
        if (user is not null)
        {
            if (user.AccountId is not null) return Error.Conflict("host.other-account", $"El usuario {account.Email} ya está vinculado a otra cuenta.");
            user.AccountId = account.Id;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded) return Result<AppUser>.Fail(AdminManagement.IdentityErrors(updated));
        }
        else
        {
            user = new AppUser { UserName = account.Email, Email = account.Email, EmailConfirmed = true, AccountId = account.Id, LockoutEnabled = true,
                DisplayName = $"{account.FirstName} {account.LastName}".Trim() };
            var usable = password is not null && (await Task.WhenAll(users.PasswordValidators.Select(v => v.ValidateAsync(users, user, password))))
                .All(r => r.Succeeded);
            var created = usable ? await users.CreateAsync(user, password!) : await users.CreateAsync(user);
            if (!created.Succeeded) return Result<AppUser>.Fail(AdminManagement.IdentityErrors(created));
        }
        if (!await users.IsInRoleAsync(user, AularioRoles.Host))
        {
            var added = await users.AddToRoleAsync(user, AularioRoles.Host);
            if (!added.Succeeded) return Result<AppUser>.Fail(AdminManagement.IdentityErrors(added));
        }
        await users.UpdateSecurityStampAsync(user);
        return user;
    }
}
