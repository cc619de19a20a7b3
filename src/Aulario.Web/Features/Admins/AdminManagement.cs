using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Mail;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Admins;

public enum AdminRole { Institution, Portal }

public sealed record AdminInput(string? Email, string? DisplayName, AdminRole Role, IReadOnlyCollection<Guid> PortalIds);

public sealed record AdminRow(string Id, string Email, string? DisplayName, AdminRole Role, IReadOnlyList<string> PortalCodes,
    IReadOnlyList<Guid> PortalIds, bool Disabled, bool PasswordSet);

/// <summary>
/// /administradores (institution admins only): list admins with their role and portals; add one (no password: they get a
/// single-use set-password link through the outbox); change role and portals; disable, enable, remove. Never the last enabled
/// institution admin, never yourself. Each change updates the person's security stamp (their sessions end within the stamp
/// validation interval and the next sign-in carries the new role and portals) and is audited in the same transaction.
/// </summary>
public sealed class AdminManagement(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, AularioDbContext db, IAuditLog audit, TimeProvider time,
    IOptions<DataProtectionTokenProviderOptions> tokens)
{
    public async Task<IReadOnlyList<AdminRow>> ListAsync(CancellationToken ct = default)
    {
        var institution = await users.GetUsersInRoleAsync(AularioRoles.InstitutionAdmin);
        var portal = await users.GetUsersInRoleAsync(AularioRoles.PortalAdmin);
        var links = await (from ap in db.AdminPortals join p in db.Portals on ap.PortalId equals p.Id select new { ap.UserId, p.Id, p.Code })
            .AsNoTracking().ToListAsync(ct);
        var now = time.GetUtcNow();
        AdminRow Row(AppUser u, AdminRole role)
        {
            var mine = links.Where(l => l.UserId == u.Id).OrderBy(l => l.Code, StringComparer.Ordinal).ToList();
            return new AdminRow(u.Id, u.Email ?? u.UserName ?? "", u.DisplayName, role, mine.Select(l => l.Code).ToList(), mine.Select(l => l.Id).ToList(),
                u.LockoutEnd is { } end && end > now, u.PasswordHash is not null);
        }
        return institution.Select(u => Row(u, AdminRole.Institution))
            .Concat(portal.Where(p => institution.All(i => i.Id != p.Id)).Select(u => Row(u, AdminRole.Portal)))
            .OrderBy(r => r.Email, StringComparer.Ordinal).ToList();
    }

    public async Task<Result<AdminRow>> GetAsync(string id, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(r => r.Id == id) is { } row ? row : NotFound();

    /// <param name="setPasswordUrl">Builds the absolute set-password link for a user id and token.</param>
    public async Task<Result<AppUser>> AddAsync(AdminInput input, Actor actor, Func<string, string, string> setPasswordUrl, string culture,
        CancellationToken ct = default)
    {
        var errors = Validate(input, out var email, out var name);
        var portalIds = input.Role == AdminRole.Portal ? input.PortalIds.Distinct().ToList() : [];
        errors.AddRange(await ValidatePortalsAsync(input.Role, portalIds, ct));
        if (errors.Count > 0) return Result<AppUser>.Fail(errors);
        if (await users.FindByEmailAsync(email) is not null)
            return Error.Conflict("admin.duplicate", $"Ya existe un usuario de Aulario con el correo {email}.", "email");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, LockoutEnabled = true };
        var created = await users.CreateAsync(user); // no password: the person chooses it through the mailed link
        if (!created.Succeeded) return Result<AppUser>.Fail(IdentityErrors(created));
        var role = await EnsureRoleAsync(RoleName(input.Role));
        if (role is not null) return Result<AppUser>.Fail(role);
        var added = await users.AddToRoleAsync(user, RoleName(input.Role));
        if (!added.Succeeded) return Result<AppUser>.Fail(IdentityErrors(added));
        foreach (var p in portalIds) db.AdminPortals.Add(new AdminPortal { UserId = user.Id, PortalId = p });
        await QueueSetPasswordMailAsync(user, admin: true, setPasswordUrl, culture);
        audit.Record(actor, "admin.invited", $"user:{email}", after: new { Email = email, DisplayName = name, Role = RoleName(input.Role), Portals = await CodesAsync(portalIds, ct) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }

    public async Task<Result<AdminRow>> ChangeAsync(string id, AdminRole newRole, IReadOnlyCollection<Guid> portals, Actor actor, string selfId,
        CancellationToken ct = default)
    {
        var found = await GetAsync(id, ct);
        if (!found.IsSuccess) return found;
        var before = found.Value;
        if (id == selfId) return Error.Conflict("admin.self", "No podés cambiar tu propio rol ni tus portales: pedíselo a otro administrador de la institución.");
        var portalIds = newRole == AdminRole.Portal ? portals.Distinct().ToList() : [];
        var errors = await ValidatePortalsAsync(newRole, portalIds, ct);
        if (errors.Count > 0) return Result<AdminRow>.Fail(errors);
        if (before.Role == AdminRole.Institution && newRole != AdminRole.Institution && await IsLastInstitutionAdminAsync(id))
            return LastAdmin();

        var user = (await users.FindByIdAsync(id))!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (before.Role != newRole)
        {
            var removed = await users.RemoveFromRoleAsync(user, RoleName(before.Role));
            if (!removed.Succeeded) return Result<AdminRow>.Fail(IdentityErrors(removed));
            if (await EnsureRoleAsync(RoleName(newRole)) is { } roleErrors) return Result<AdminRow>.Fail(roleErrors);
            var added = await users.AddToRoleAsync(user, RoleName(newRole));
            if (!added.Succeeded) return Result<AdminRow>.Fail(IdentityErrors(added));
        }
        await db.AdminPortals.Where(a => a.UserId == id).ExecuteDeleteAsync(ct);
        foreach (var p in portalIds) db.AdminPortals.Add(new AdminPortal { UserId = id, PortalId = p });
        // Their cookie stops working; the next sign-in carries the new role and portals. Someone who has not chosen a password yet
        // has no session, and keeps a working set-password link.
        if (user.PasswordHash is not null) await users.UpdateSecurityStampAsync(user);
        audit.Record(actor, "admin.changed", $"user:{before.Email}",
            before: new { Role = RoleName(before.Role), Portals = before.PortalCodes },
            after: new { Role = RoleName(newRole), Portals = await CodesAsync(portalIds, ct) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    public Task<Result<AdminRow>> DisableAsync(string id, Actor actor, string selfId, CancellationToken ct = default) =>
        SetDisabledAsync(id, true, actor, selfId, ct);

    public Task<Result<AdminRow>> EnableAsync(string id, Actor actor, string selfId, CancellationToken ct = default) =>
        SetDisabledAsync(id, false, actor, selfId, ct);

    public async Task<Result<Done>> RemoveAsync(string id, Actor actor, string selfId, CancellationToken ct = default)
    {
        var found = await GetAsync(id, ct);
        if (!found.IsSuccess) return Result<Done>.Fail(found.Errors);
        if (id == selfId) return Error.Conflict("admin.self", "No podés quitarte a vos mismo: pedíselo a otro administrador de la institución.");
        if (found.Value.Role == AdminRole.Institution && await IsLastInstitutionAdminAsync(id)) return LastAdmin();
        var user = (await users.FindByIdAsync(id))!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (user.AccountId is not null)
        {
            // The person also owns an account: keep their self-service sign-in, drop only the admin role.
            await users.RemoveFromRoleAsync(user, RoleName(found.Value.Role));
            await db.AdminPortals.Where(a => a.UserId == id).ExecuteDeleteAsync(ct);
            await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded) return Result<Done>.Fail(IdentityErrors(deleted));
        }
        audit.Record(actor, "admin.removed", $"user:{found.Value.Email}", before: new { Role = RoleName(found.Value.Role), Portals = found.Value.PortalCodes });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Done();
    }

    /// <summary>Adds the single-use "choose your password" mail to the outbox (Identity's password-reset token: it stops working
    /// once used, because setting the password changes the security stamp). The caller saves.</summary>
    internal async Task QueueSetPasswordMailAsync(AppUser user, bool admin, Func<string, string, string> setPasswordUrl, string culture)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var now = time.GetUtcNow();
        db.OutboxMails.Add(MailTemplates.SetPassword(user.Email!, user.DisplayName, setPasswordUrl(user.Id, token), now + tokens.Value.TokenLifespan,
            admin, culture, now));
    }

    private async Task<Result<AdminRow>> SetDisabledAsync(string id, bool disable, Actor actor, string selfId, CancellationToken ct)
    {
        var found = await GetAsync(id, ct);
        if (!found.IsSuccess) return found;
        if (id == selfId) return Error.Conflict("admin.self", "No podés deshabilitarte a vos mismo: pedíselo a otro administrador de la institución.");
        if (found.Value.Disabled == disable) return found;
        if (disable && found.Value.Role == AdminRole.Institution && await IsLastInstitutionAdminAsync(id)) return LastAdmin();
        var user = (await users.FindByIdAsync(id))!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disable ? DateTimeOffset.MaxValue : null);
        await users.UpdateSecurityStampAsync(user);
        audit.Record(actor, disable ? "admin.disabled" : "admin.enabled", $"user:{found.Value.Email}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>True when no other enabled institution admin would remain.</summary>
    private async Task<bool> IsLastInstitutionAdminAsync(string id)
    {
        var now = time.GetUtcNow();
        var others = (await users.GetUsersInRoleAsync(AularioRoles.InstitutionAdmin)).Where(u => u.Id != id && !(u.LockoutEnd is { } end && end > now));
        return !others.Any();
    }

    private static List<Error> Validate(AdminInput input, out string email, out string? name)
    {
        var errors = new List<Error>();
        email = AccountRules.NormalizeEmail(input.Email ?? "");
        name = string.IsNullOrWhiteSpace(input.DisplayName) ? null : input.DisplayName.Trim();
        if (AccountRules.ValidateEmail(input.Email ?? "") is { } e) errors.Add(e);
        if (name is { Length: > 128 } || name?.Any(c => char.IsControl(c) || c is '<' or '>') == true)
            errors.Add(Error.Validation("admin.name-invalid", "El nombre puede tener hasta 128 caracteres, sin < ni >.", "displayName"));
        if (!Enum.IsDefined(input.Role)) errors.Add(Error.Validation("admin.role-invalid", "Elegí el rol: institución o portal.", "role"));
        return errors;
    }

    private async Task<List<Error>> ValidatePortalsAsync(AdminRole role, IReadOnlyCollection<Guid> portalIds, CancellationToken ct)
    {
        if (role != AdminRole.Portal) return [];
        if (portalIds.Count == 0) return [Error.Validation("admin.portals-required", "Un administrador de portal necesita al menos un portal.", "portalIds")];
        var known = await db.Portals.CountAsync(p => portalIds.Contains(p.Id), ct);
        return known == portalIds.Count ? [] : [Error.Validation("admin.portal-unknown", "Uno de los portales elegidos no existe.", "portalIds")];
    }

    private async Task<IReadOnlyList<string>> CodesAsync(IReadOnlyCollection<Guid> portalIds, CancellationToken ct) =>
        portalIds.Count == 0 ? [] : (await db.Portals.Where(p => portalIds.Contains(p.Id)).Select(p => p.Code).ToListAsync(ct)).Order(StringComparer.Ordinal).ToList();

    private async Task<List<Error>?> EnsureRoleAsync(string role)
    {
        if (await roles.RoleExistsAsync(role)) return null;
        var created = await roles.CreateAsync(new IdentityRole(role));
        return created.Succeeded ? null : IdentityErrors(created);
    }

    internal static string RoleName(AdminRole role) => role == AdminRole.Institution ? AularioRoles.InstitutionAdmin : AularioRoles.PortalAdmin;

    internal static List<Error> IdentityErrors(IdentityResult result) =>
        result.Errors.Select(e => Error.Validation("identity." + e.Code, e.Description,
            e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : null)).ToList();

    private static Error NotFound() => Error.NotFound("admin.not-found", "El administrador no existe.");

    private static Error LastAdmin() =>
        Error.Conflict("admin.last", "Es el último administrador de la institución habilitado: primero agregá otro.");
}
