using Aulario.Core.Audit;
using Aulario.Core.Security;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Security;

/// <summary>What the account-security pages share: the signed-in user, audited Identity changes, the admin rule.</summary>
public abstract class AccountSecurityPage(UserManager<AppUser> users, SignInManager<AppUser> signIn, AularioDbContext db, IAuditLog audit,
    SecuritySettingsCommands settings) : PageModel
{
    protected UserManager<AppUser> Users => users;
    protected SignInManager<AppUser> SignInManager => signIn;
    protected AularioDbContext Db => db;
    protected IAuditLog Audit => audit;

    protected Actor CurrentActor => new(User.Identity?.Name ?? "desconocido");
    protected string UserTarget => $"user:{User.Identity?.Name}";

    /// <summary>True when this user is an administrator and the institution requires two-step verification for administrators.</summary>
    protected async Task<bool> TwoFactorRequiredForMeAsync(CancellationToken ct) =>
        (User.IsInRole(AularioRoles.InstitutionAdmin) || User.IsInRole(AularioRoles.PortalAdmin))
        && await settings.RequireTwoFactorForAdminsAsync(ct);

    /// <summary>
    /// Runs an Identity change and its audit entry in one transaction: both are saved, or neither (Identity saves inside its own
    /// calls, so the entry is added only after the change succeeded, and the transaction makes the pair atomic). The sign-in
    /// cookie is renewed afterwards, since these changes give the user a new security stamp.
    /// </summary>
    protected async Task<IdentityResult> AuditedAsync(AppUser user, Func<Task<IdentityResult>> change, string action, object? after, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await change();
        if (!result.Succeeded) return result; // rolled back on dispose
        audit.Record(CurrentActor, action, UserTarget, after: after);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await signIn.RefreshSignInAsync(user);
        return result;
    }

    /// <summary>Records a refused attempt (wrong password or code) and counts it toward the account's lockout.</summary>
    protected async Task RecordFailureAsync(AppUser user, string action, CancellationToken ct)
    {
        audit.Record(CurrentActor, action, UserTarget);
        await db.SaveChangesAsync(ct);
        await users.AccessFailedAsync(user);
    }

    protected void NoStore() => Response.Headers.CacheControl = "no-store";
}
