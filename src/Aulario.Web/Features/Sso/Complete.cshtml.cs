using Aulario.Core.Sso;
using Aulario.Persistence;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Sso;

/// <summary>
/// Where the OpenID Connect handler returns after validating the provider's answer: provisions or refreshes the person
/// (<see cref="SsoSignIn"/>), signs them in with Identity's cookie and sends hosts to /mi-cuenta and admins to the panel.
/// Anything refused (provider error, missing claims, a domain that is not allowed) renders a Spanish page and creates nothing.
/// </summary>
public sealed class CompleteModel(IOptions<SsoOptions> options, SsoSignIn sso, SignInManager<AppUser> signIn, TimeProvider time) : PageModel
{
    public const string HostLanding = "/mi-cuenta";

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [FromQuery(Name = "error")] public string? Error { get; set; }

    public SsoRefusal Refusal { get; private set; } = SsoRefusal.Provider;
    public string? Detail { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled) return NotFound();
        if (Error is not null)
            return Refused(Error switch { "denied" => SsoRefusal.Denied, "unavailable" => SsoRefusal.Unavailable, _ => SsoRefusal.Provider });

        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is null) return Refused(SsoRefusal.Provider);
        var outcome = await sso.ProcessAsync(external.Principal, ct);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (outcome.User is not { } user) return Refused(outcome.Refusal ?? SsoRefusal.Provider, outcome.Detail);

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "sso");
        if (LocalizationExtensions.Normalize(user.Culture) is { } culture)
            LocalizationExtensions.WriteCultureCookie(Response, culture, time.GetUtcNow());
        if (!string.IsNullOrEmpty(ReturnUrl) && ReturnUrl != "/" && Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
        return LocalRedirect(outcome.IsAdmin ? "/" : HostLanding);
    }

    private PageResult Refused(SsoRefusal refusal, string? detail = null)
    {
        Refusal = refusal;
        Detail = detail;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
