using Aulario.Core.Audit;
using Aulario.Core.Security;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Security;

/// <summary>
/// /seguridad/activar: turns on two-step verification with an authenticator app. Shows the shared key (grouped for typing) and
/// its otpauth:// URI as a QR code; a 6-digit code from the app must verify before it is enabled; then 10 recovery codes are shown
/// once (stored hashed). Admins are sent here when the institution requires two-step verification and they have not enrolled.
/// </summary>
public sealed class EnableTwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AularioDbContext db, IAuditLog audit,
    SecuritySettingsCommands settings, IStringLocalizer<SecurityResource> t)
    : AccountSecurityPage(users, signIn, db, audit, settings)
{
    public const int RecoveryCodeCount = 10;

    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string SharedKey { get; private set; } = "";
    public string OtpAuthUri { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public bool Required { get; private set; }
    /// <summary>Set only in the response to the POST that enabled two-step verification.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string ContinueUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/seguridad";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await Users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return LocalRedirect("/seguridad");
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await Users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return LocalRedirect("/seguridad");
        var code = AuthenticatorSetup.Normalize(Code);
        if (code.Length == 0)
            ModelState.AddModelError(nameof(Code), t["Code.Required"]);
        else if (code.Length != 6 || !code.All(char.IsAsciiDigit))
            ModelState.AddModelError(nameof(Code), t["Code.Format"]);
        else if (await Users.GetAuthenticatorKeyAsync(user) is null
                 || !await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code))
            ModelState.AddModelError(nameof(Code), t["Enable.CodeWrong"]);
        if (ModelState.IsValid)
        {
            IEnumerable<string>? codes = null;
            var result = await AuditedAsync(user, async () =>
            {
                var on = await Users.SetTwoFactorEnabledAsync(user, true);
                if (!on.Succeeded) return on;
                codes = await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
                return codes is null ? IdentityResult.Failed() : IdentityResult.Success;
            }, "user.two-factor-enabled", new { Method = "authenticator", RecoveryCodes = RecoveryCodeCount }, ct);
            if (result.Succeeded)
            {
                RecoveryCodes = codes!.ToList();
                NoStore();
                return Page();
            }
            foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
        }
        Code = null;
        await LoadAsync(user, ct);
        return Page();
    }

    /// <summary>The pending key (created on the first visit; the same key on later visits until it is verified).</summary>
    private async Task LoadAsync(AppUser user, CancellationToken ct)
    {
        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await AuditedAsync(user, () => Users.ResetAuthenticatorKeyAsync(user), "user.authenticator-key-created", null, ct);
            key = await Users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("The authenticator key was not stored.");
        }
        SharedKey = AuthenticatorSetup.Grouped(key);
        OtpAuthUri = AuthenticatorSetup.OtpAuthUri(user.Email ?? user.UserName ?? "", key);
        QrCode = AuthenticatorSetup.QrCodeDataUri(OtpAuthUri);
        Required = await TwoFactorRequiredForMeAsync(ct);
        NoStore();
    }
}
