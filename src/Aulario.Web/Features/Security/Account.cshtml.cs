using Aulario.Core.Audit;
using Aulario.Core.Security;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Security;

/// <summary>
/// /seguridad, "Seguridad de la cuenta", for every signed-in user: change the own password (current + new, Identity's and
/// Aulario's rules), two-step verification status with enable (→ /seguridad/activar), new recovery codes (shown once), turning
/// it off (needs a current code or the password; refused for admins while the institution requires it), and forgetting this
/// browser. Every change is audited without secrets; a wrong password or code counts toward the account's lockout.
/// </summary>
public sealed class AccountSecurityModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AularioDbContext db, IAuditLog audit,
    SecuritySettingsCommands settings, IStringLocalizer<SecurityResource> t)
    : AccountSecurityPage(users, signIn, db, audit, settings)
{
    public const int MaxInputLength = 256;

    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    [BindProperty] public string? Proof { get; set; }

    public bool TwoFactorEnabled { get; private set; }
    public bool TwoFactorRequired { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public bool BrowserRemembered { get; private set; }
    /// <summary>New recovery codes: set only in the response to the POST that generated them.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await Users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        var user = await Users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (string.IsNullOrEmpty(CurrentPassword)) ModelState.AddModelError(nameof(CurrentPassword), t["Password.CurrentRequired"]);
        if (string.IsNullOrEmpty(NewPassword)) ModelState.AddModelError(nameof(NewPassword), t["Password.NewRequired"]);
        else if (NewPassword.Length > MaxInputLength) ModelState.AddModelError(nameof(NewPassword), t["Password.TooLong", MaxInputLength]);
        else if (NewPassword != ConfirmPassword) ModelState.AddModelError(nameof(ConfirmPassword), t["Password.Mismatch"]);
        else if (NewPassword == CurrentPassword) ModelState.AddModelError(nameof(NewPassword), t["Password.Same"]);
        if (ModelState.IsValid && await Users.IsLockedOutAsync(user)) ModelState.AddModelError("", t["Locked"]);
        if (ModelState.IsValid)
        {
            if (!await Users.CheckPasswordAsync(user, CurrentPassword!))
            {
                await RecordFailureAsync(user, "user.password-change-refused", ct);
                ModelState.AddModelError(nameof(CurrentPassword), t["Password.CurrentWrong"]);
            }
            else
            {
                var result = await AuditedAsync(user, () => Users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!), "user.password-changed", null, ct);
                if (result.Succeeded)
                {
                    StatusMessage = t["Password.Changed"];
                    return RedirectToPage();
                }
                foreach (var error in result.Errors) ModelState.AddModelError(nameof(NewPassword), error.Description);
            }
        }
        CurrentPassword = NewPassword = ConfirmPassword = null;
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        var user = await Users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled)
        {
            ModelState.AddModelError("", t["TwoFactor.NotEnabled"]);
        }
        else
        {
            IEnumerable<string>? codes = null;
            var result = await AuditedAsync(user, async () =>
            {
                codes = await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, EnableTwoFactorModel.RecoveryCodeCount);
                return codes is null ? IdentityResult.Failed() : IdentityResult.Success;
            }, "user.recovery-codes-regenerated", new { Count = EnableTwoFactorModel.RecoveryCodeCount }, ct);
            if (result.Succeeded)
            {
                NewRecoveryCodes = codes!.ToList();
                NoStore();
            }
        }
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var user = await Users.GetUserAsync(User);
        if (user is null) return Challenge();
        var proof = Proof?.Trim() ?? "";
        if (!user.TwoFactorEnabled) ModelState.AddModelError("", t["TwoFactor.NotEnabled"]);
        else if (await TwoFactorRequiredForMeAsync(ct)) ModelState.AddModelError("", t["TwoFactor.RequiredCannotDisable"]);
        else if (proof.Length == 0) ModelState.AddModelError(nameof(Proof), t["Disable.ProofRequired"]);
        else if (proof.Length > MaxInputLength) ModelState.AddModelError(nameof(Proof), t["Password.TooLong", MaxInputLength]);
        else if (await Users.IsLockedOutAsync(user)) ModelState.AddModelError("", t["Locked"]);
        if (ModelState.IsValid)
        {
            if (!await ProofIsRightAsync(user, proof))
            {
                await RecordFailureAsync(user, "user.two-factor-disable-refused", ct);
                ModelState.AddModelError(nameof(Proof), t["Disable.ProofWrong"]);
            }
            else
            {
                var result = await AuditedAsync(user, async () =>
                {
                    var off = await Users.SetTwoFactorEnabledAsync(user, false);
                    if (!off.Succeeded) return off;
                    var key = await Users.ResetAuthenticatorKeyAsync(user); // the old app's codes stop working
                    if (!key.Succeeded) return key;
                    await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0); // no recovery codes left
                    return IdentityResult.Success;
                }, "user.two-factor-disabled", null, ct);
                if (result.Succeeded)
                {
                    await SignInManager.ForgetTwoFactorClientAsync();
                    StatusMessage = t["Disable.Done"];
                    return RedirectToPage();
                }
                foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
            }
        }
        Proof = null;
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostForgetBrowserAsync(CancellationToken ct)
    {
        var user = await Users.GetUserAsync(User);
        if (user is null) return Challenge();
        await SignInManager.ForgetTwoFactorClientAsync();
        Audit.Record(CurrentActor, "user.two-factor-browser-forgotten", UserTarget);
        await Db.SaveChangesAsync(ct);
        StatusMessage = t["Browser.Forgotten"];
        return RedirectToPage();
    }

    /// <summary>Six digits are checked as an authenticator code, anything else as the password (passwords have 12+ characters).</summary>
    private async Task<bool> ProofIsRightAsync(AppUser user, string proof)
    {
        var code = AuthenticatorSetup.Normalize(proof);
        if (code.Length == 6 && code.All(char.IsAsciiDigit))
            return await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code);
        return await Users.CheckPasswordAsync(user, proof);
    }

    private async Task LoadAsync(AppUser user, CancellationToken ct)
    {
        TwoFactorEnabled = user.TwoFactorEnabled;
        TwoFactorRequired = await TwoFactorRequiredForMeAsync(ct);
        RecoveryCodesLeft = TwoFactorEnabled ? await Users.CountRecoveryCodesAsync(user) : 0;
        BrowserRemembered = TwoFactorEnabled && await SignInManager.IsTwoFactorClientRememberedAsync(user);
    }
}
