using System.Security.Claims;
using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Persistence;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Web.Features.SelfService;

/// <summary>
/// "Iniciar sesión como": an admin acts as an account in its self-service view. The cookie principal is re-issued with the
/// admin's identity (name, id, security stamp) and the acting claims only — no roles — so the Admin policies refuse every admin
/// page and API while it lasts and the SelfService policy lets the admin in. It can never raise privileges: accounts owned by an
/// admin cannot be acted as. Ending it signs the admin in again from the store (refused when the admin is locked or removed).
/// </summary>
public sealed class Impersonation(
    AccountQueries accounts, AularioDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, IAuditLog audit, CurrentUser current)
{
    public async Task<Result<Account>> StartAsync(HttpContext http, Guid accountId, CancellationToken ct)
    {
        if (!current.IsAdmin) return Error.Forbidden("impersonation.not-admin", "Solo un administrador puede iniciar sesión como otra cuenta.");
        var found = await accounts.GetAsync(accountId, current.Scope, ct);
        if (!found.IsSuccess) return found;
        var account = found.Value;
        if (!CanActAs(account))
            return Error.Conflict("impersonation.account-not-usable",
                "Solo se puede iniciar sesión como una cuenta activa o pendiente que tenga usuario de Zoom; esta cuenta está finalizada o no tiene usuario de Zoom.");
        if (await OwnedByAdminAsync(account.Id, ct))
            return Error.Forbidden("impersonation.admin-account",
                "Esta cuenta pertenece a un administrador de Aulario: iniciar sesión como ella daría más permisos, y eso no se permite.");
        var admin = await users.GetUserAsync(http.User);
        if (admin is null) return Error.Forbidden("impersonation.not-admin", "Solo un administrador puede iniciar sesión como otra cuenta.");

        var principal = ActingPrincipal(http.User, account.Id, account.Email);
        audit.Record(new Actor(current.Name, account.Email), "impersonation.started", $"account:{account.Email}", portalId: account.PortalId);
        await db.SaveChangesAsync(ct);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        return account;
    }

    /// <summary>Ends the session as the account and returns the account acted as (to go back to its page), or an error when the
    /// admin can no longer sign in (the cookie is then signed out entirely).</summary>
    public async Task<Result<Guid>> EndAsync(HttpContext http, CancellationToken ct)
    {
        if (!current.IsImpersonating) return Error.Conflict("impersonation.not-active", "No estás actuando como otra cuenta.");
        var accountId = current.SelfAccountId ?? Guid.Empty;
        var actor = current.Actor;
        var admin = await users.GetUserAsync(http.User);
        audit.Record(actor, "impersonation.ended", $"account:{actor.ActingAs}");
        await db.SaveChangesAsync(ct);
        if (admin is null || await users.IsLockedOutAsync(admin) || !await IsAdminAsync(admin))
        {
            await signIn.SignOutAsync();
            return Error.Forbidden("impersonation.admin-gone", "Tu usuario de administrador ya no puede ingresar: la sesión se cerró.");
        }
        await signIn.SignInAsync(admin, isPersistent: false);
        return accountId;
    }

    public static bool CanActAs(Account account) =>
        account.ZoomUserId is not null && account.Status is AccountStatus.Active or AccountStatus.Pending;

    public async Task<bool> OwnedByAdminAsync(Guid accountId, CancellationToken ct)
    {
        var owners = await db.Users.AsNoTracking().Where(u => u.AccountId == accountId).Select(u => u.Id).ToListAsync(ct);
        if (owners.Count == 0) return false;
        var adminRoles = await db.Roles.AsNoTracking()
            .Where(r => r.Name == AularioRoles.InstitutionAdmin || r.Name == AularioRoles.PortalAdmin).Select(r => r.Id).ToListAsync(ct);
        return await db.UserRoles.AsNoTracking().AnyAsync(ur => owners.Contains(ur.UserId) && adminRoles.Contains(ur.RoleId), ct);
    }

    private async Task<bool> IsAdminAsync(AppUser user) =>
        await users.IsInRoleAsync(user, AularioRoles.InstitutionAdmin) || await users.IsInRoleAsync(user, AularioRoles.PortalAdmin);

    /// <summary>The admin's identity claims (id, name, security stamp, authentication method) plus the acting claims; no roles,
    /// no portal or own-account claims.</summary>
    public static ClaimsPrincipal ActingPrincipal(ClaimsPrincipal admin, Guid accountId, string email)
    {
        var kept = admin.Claims.Where(c => c.Type is ClaimTypes.NameIdentifier or ClaimTypes.Name or "AspNet.Identity.SecurityStamp" or "amr")
            .Select(c => new Claim(c.Type, c.Value)).ToList();
        var name = admin.Identity?.Name ?? "desconocido";
        kept.Add(new Claim(AularioClaims.Impersonator, name));
        kept.Add(new Claim(AularioClaims.ActingAsAccount, accountId.ToString("D")));
        kept.Add(new Claim(AularioClaims.ActingAsEmail, email));
        return new ClaimsPrincipal(new ClaimsIdentity(kept, IdentityConstants.ApplicationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// Identity's security-stamp check rebuilds the cookie principal from the user every interval, which would silently turn an
    /// admin acting as a user back into the admin (roles included) on a page the admin did not ask for. Keep acting instead, but
    /// only while the person is still an admin; if they are not, the rebuilt principal (no admin roles) ends the impersonation.
    /// A changed stamp, a removed user or a lockout-driven stamp change rejects the cookie before this runs.
    /// </summary>
    public static Task KeepActingOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        var currentPrincipal = context.CurrentPrincipal;
        var fresh = context.NewPrincipal;
        if (currentPrincipal is null || fresh is null || !currentPrincipal.HasClaim(c => c.Type == AularioClaims.Impersonator)) return Task.CompletedTask;
        var stillAdmin = fresh.IsInRole(AularioRoles.InstitutionAdmin) || fresh.IsInRole(AularioRoles.PortalAdmin);
        if (!stillAdmin) return Task.CompletedTask;
        if (!Guid.TryParse(currentPrincipal.FindFirstValue(AularioClaims.ActingAsAccount), out var account)) return Task.CompletedTask;
        context.NewPrincipal = ActingPrincipal(fresh, account, currentPrincipal.FindFirstValue(AularioClaims.ActingAsEmail) ?? "");
        return Task.CompletedTask;
    }
}
