using Aulario.Core.Audit;
using Aulario.Persistence;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Security;

/// <summary>
/// The second step of signing in for a user with two-step verification: after a right password (/ingresar), Identity's short-lived
/// two-factor cookie names the user and this page asks for the authenticator code. Wrong codes count toward the lockout (5 tries,
/// 15 minutes, together with wrong passwords); "Recordar este navegador" skips this step on this browser for 14 days.
/// Anonymous by route (the two-factor cookie is the only way in); the return URL is followed only when local.
/// </summary>
public sealed class SignInCodeModel(SignInManager<AppUser> signIn, AularioDbContext db, IAuditLog audit, IStringLocalizer<SecurityResource> t, TimeProvider time)
    : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public bool RememberBrowser { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return Redirect(AuthExtensions.SignInPath);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Redirect(AuthExtensions.SignInPath); // the step expired (5 minutes) or never started
        var code = AuthenticatorSetup.Normalize(Code);
        if (code.Length == 0) { ModelState.AddModelError(nameof(Code), t["Code.Required"]); return Page(); }
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) { ModelState.AddModelError(nameof(Code), t["Code.Format"]); return Page(); }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: RememberBrowser);
        return await SignInSteps.FinishAsync(this, result, user, "authenticator", ReturnUrl, db, audit, t, time, ct);
    }
}

/// <summary>What both code steps do with Identity's answer: audit, culture cookie, safe redirect, or the right message.</summary>
internal static class SignInSteps
{
    public static async Task<IActionResult> FinishAsync(PageModel page, Microsoft.AspNetCore.Identity.SignInResult result, AppUser user, string method,
        string? returnUrl, AularioDbContext db, IAuditLog audit, IStringLocalizer<SecurityResource> t, TimeProvider time, CancellationToken ct)
    {
        var name = user.UserName ?? user.Email ?? "?";
        var target = $"user:{name}";
        if (result.Succeeded)
        {
            audit.Record(new Actor(name), "signin.succeeded", target, after: new { SecondFactor = method });
            await db.SaveChangesAsync(ct);
            if (LocalizationExtensions.Normalize(user.Culture) is { } culture)
                LocalizationExtensions.WriteCultureCookie(page.Response, culture, time.GetUtcNow());
            return page.LocalRedirect(SafeReturnUrl(page, returnUrl));
        }
        audit.Record(new Actor(name), result.IsLockedOut ? "signin.locked-out" : "signin.second-factor-failed", target, after: new { SecondFactor = method });
        await db.SaveChangesAsync(ct);
        page.ModelState.AddModelError("", result.IsLockedOut ? t["SignIn.LockedOut"] : method == "recovery-code" ? t["SignIn.RecoveryWrong"] : t["SignIn.CodeWrong"]);
        return page.Page();
    }

    public static string SafeReturnUrl(PageModel page, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && page.Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
