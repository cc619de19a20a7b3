using System.Security.Claims;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Infrastructure;

/// <summary>Claims Aulario adds to a signed-in person's cookie (and to API-token callers).</summary>
public static class AularioClaims
{
    /// <summary>One claim per portal a portal admin administers (portal id, "D" format).</summary>
    public const string Portal = "aulario:portal";
    /// <summary>The account (Zoom user) the person owns, for self-service (account id, "D" format).</summary>
    public const string Account = "aulario:account";
    /// <summary>"Iniciar sesión como": the admin's user name while acting as a user.</summary>
    public const string Impersonator = "aulario:impersonator";
    /// <summary>"Iniciar sesión como": the account id the admin acts as.</summary>
    public const string ActingAsAccount = "aulario:acting-as-account";
    /// <summary>"Iniciar sesión como": the email of the account the admin acts as.</summary>
    public const string ActingAsEmail = "aulario:acting-as";
}

/// <summary>Adds the portal and account claims when Identity builds the principal (sign-in, security-stamp refresh, API tokens).
/// Changing someone's portals or account must update their security stamp so the cookie is rebuilt.</summary>
public sealed class AularioClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, AularioDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        if (user.AccountId is { } account) id.AddClaim(new Claim(AularioClaims.Account, account.ToString("D")));
        var portals = await db.AdminPortals.AsNoTracking().Where(p => p.UserId == user.Id).Select(p => p.PortalId).ToListAsync();
        foreach (var portal in portals) id.AddClaim(new Claim(AularioClaims.Portal, portal.ToString("D")));
        return id;
    }
}

/// <summary>
/// Who is calling, as pages and endpoints pass it to Core: the <see cref="Actor"/> for the audit ("admin X as Y" while
/// impersonating), the <see cref="AdminScope"/> (all portals or the portal admin's), and the account self-service acts on.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public static CurrentUser Of(ClaimsPrincipal principal) => new(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } });

    public string Name => Principal.FindFirstValue(AularioClaims.Impersonator) ?? Principal.Identity?.Name ?? "desconocido";
    public bool IsImpersonating => Principal.HasClaim(c => c.Type == AularioClaims.Impersonator);
    public bool IsInstitutionAdmin => !IsImpersonating && Principal.IsInRole(AularioRoles.InstitutionAdmin);
    public bool IsPortalAdmin => !IsImpersonating && Principal.IsInRole(AularioRoles.PortalAdmin);
    public bool IsAdmin => IsInstitutionAdmin || IsPortalAdmin;

    /// <summary>The audit's actor: the person signed in, and while impersonating, the account acted as.</summary>
    public Actor Actor => IsImpersonating
        ? new Actor(Name, Principal.FindFirstValue(AularioClaims.ActingAsEmail))
        : new Actor(Name);

    /// <summary>What this admin may see: every portal for institution admins, the assigned portals for portal admins, nothing otherwise.</summary>
    public AdminScope Scope => IsInstitutionAdmin
        ? AdminScope.Institution
        : IsPortalAdmin ? AdminScope.Portals(PortalIds.ToArray()) : AdminScope.Portals();

    public IEnumerable<Guid> PortalIds => Principal.FindAll(AularioClaims.Portal)
        .Select(c => Guid.TryParse(c.Value, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty);

    /// <summary>The account self-service pages act on: the impersonated account, or the person's own.</summary>
    public Guid? SelfAccountId =>
        Guid.TryParse(Principal.FindFirstValue(IsImpersonating ? AularioClaims.ActingAsAccount : AularioClaims.Account), out var g) ? g : null;
}
