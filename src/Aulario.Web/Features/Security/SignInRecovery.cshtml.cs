using Aulario.Core.Audit;
using Aulario.Persistence;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Security;

/// <summary>
/// The second step of signing in with a recovery code instead of the app's code (the phone was lost). A code works once: it is
/// removed when used. Wrong codes count toward the lockout like wrong passwords and app codes.
/// </summary>
public sealed class SignInRecoveryModel(SignInManager<AppUser> signIn, AularioDbContext db, IAuditLog audit, IStringLocalizer<SecurityResource> t, TimeProvider time)
    : PageModel
{
    [BindProperty] public string? RecoveryCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return Redirect(AuthExtensions.SignInPath);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Redirect(AuthExtensions.SignInPath);
        var code = AuthenticatorSetup.Normalize(RecoveryCode);
        if (code.Length == 0) { ModelState.AddModelError(nameof(RecoveryCode), t["Recovery.Required"]); return Page(); }
        if (code.Length > 64) { ModelState.AddModelError(nameof(RecoveryCode), t["SignIn.RecoveryWrong"]); return Page(); }

        var users = signIn.UserManager;
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (await users.IsLockedOutAsync(user))
        {
            result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        else
        {
            var failuresBefore = await users.GetAccessFailedCountAsync(user);
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
            // Identity does not always count a wrong recovery code toward the lockout; count it here once.
            if (!result.Succeeded && !result.IsLockedOut && await users.GetAccessFailedCountAsync(user) == failuresBefore)
            {
                await users.AccessFailedAsync(user);
                if (await users.IsLockedOutAsync(user)) result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
            }
        }
        return await SignInSteps.FinishAsync(this, result, user, "recovery-code", ReturnUrl, db, audit, t, time, ct);
    }
}
