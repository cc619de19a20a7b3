using System.Globalization;
using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Accounts;

/// <summary>/cuentas/{id}: edit names and options (the email is read-only) and the one-account actions.</summary>
public sealed class AccountsEditModel(AccountQueries queries, AccountCommands commands, PasswordResetLinks resetLinks, Admins.HostAccess hosts,
    IStringLocalizer<AccountsResource> t, Aulario.Web.Features.SelfService.Impersonation impersonation) : PageModel
{
    [BindProperty] public EditForm Form { get; set; } = new();
    [BindProperty] public bool ConfirmFinalize { get; set; }

    public Account Account { get; private set; } = null!;
    /// <summary>A password to show once (after reset or reveal); never kept anywhere else.</summary>
    public string? ShownPassword { get; private set; }
    public string? Done { get; private set; }
    /// <summary>The account's owner can sign in to self-service (/mi-cuenta).</summary>
    public bool HasSelfService { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Form = EditForm.From(Account);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        var license = LicenseInput.Parse(Form.License);
        if (!license.IsSuccess) return await Failed(id, license.Errors, ct);
        var result = await commands.EditAsync(id, new EditAccountRequest(Form.FirstName ?? "", Form.LastName ?? "", license.Value,
            Form.Timezone, Form.Department, Form.IsClassroom), AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, ct);
        return await Outcome(id, result.IsSuccess ? [] : result.Errors, "Edit.Saved", ct, keepForm: !result.IsSuccess);
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(Guid id, CancellationToken ct)
    {
        var result = await commands.ResetPasswordAsync(id, AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, ct);
        if (result.IsSuccess) ShownPassword = result.Value;
        return await Outcome(id, result.IsSuccess ? [] : result.Errors, "Edit.PasswordReset", ct);
    }

    public async Task<IActionResult> OnPostSendResetLinkAsync(Guid id, CancellationToken ct)
    {
        var result = await resetLinks.SendAsync(id, AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, AccountEndpoints.ResetPasswordUrl(Request),
            CultureInfo.CurrentUICulture.Name, ct);
        var outcome = await Outcome(id, result.IsSuccess ? [] : result.Errors, null, ct);
        if (result.IsSuccess)
            Done = t["Edit.ResetLinkSent", result.Value.Email,
                result.Value.ExpiresAt.ToOffset(TimeSpan.FromHours(-3)).ToString("g", CultureInfo.CurrentCulture)];
        return outcome;
    }

    public async Task<IActionResult> OnPostRevealPasswordAsync(Guid id, CancellationToken ct)
    {
        var result = await commands.RevealPasswordAsync(id, AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, ct);
        if (result.IsSuccess) ShownPassword = result.Value;
        return await Outcome(id, result.IsSuccess ? [] : result.Errors, "Edit.PasswordShown", ct);
    }

    public async Task<IActionResult> OnPostFinalizeAsync(Guid id, CancellationToken ct)
    {
        if (!ConfirmFinalize)
            return await Failed(id, [Error.Validation("account.finalize-unconfirmed", t["Edit.FinalizeUnconfirmed"], nameof(ConfirmFinalize))], ct);
        var result = await commands.FinalizeAsync(id, AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, ct);
        return await Outcome(id, result.IsSuccess ? [] : result.Errors, "Edit.Finalized", ct);
    }

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken ct)
    {
        var result = await commands.ReactivateAsync(id, AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, ct);
        return await Outcome(id, result.IsSuccess ? [] : result.Errors, "Edit.Reactivated", ct);
    }

    public async Task<IActionResult> OnPostRefreshAsync(Guid id, CancellationToken ct)
    {
        var result = await commands.RefreshAsync(id, AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, ct);
        return await Outcome(id, result.IsSuccess ? [] : result.Errors, "Edit.Refreshed", ct);
    }

    public async Task<IActionResult> OnPostResendActivationAsync(Guid id, CancellationToken ct)
    {
        var result = await commands.ResendActivationAsync(id, AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, ct);
        return await Outcome(id, result.IsSuccess ? [] : result.Errors, "Edit.ActivationSent", ct);
    }

    /// <summary>"Iniciar sesión como": re-issues the cookie as the admin acting as this account and opens its self-service view.</summary>
    public async Task<IActionResult> OnPostImpersonateAsync(Guid id, CancellationToken ct)
    {
        var started = await impersonation.StartAsync(HttpContext, id, ct);
        if (started.IsSuccess) return Redirect("/mi-cuenta");
        if (started.Errors[0].Code == "account.not-found") return NotFound();
        return await Outcome(id, started.Errors, null, ct);
    }

    /// <summary>Whether "Iniciar sesión como" is offered: an account with a Zoom user, active or pending, not owned by an admin.</summary>
    public bool CanImpersonate { get; private set; }

    /// <summary>"Dar acceso de autogestión": the owner gets a single-use link to choose their Aulario password.</summary>
    public async Task<IActionResult> OnPostGrantSelfServiceAsync(Guid id, CancellationToken ct)
    {
        var result = await hosts.GrantAsync(id, AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope,
            Admins.AdminsIndexModel.SetPasswordUrl(Request), System.Globalization.CultureInfo.CurrentUICulture.Name, ct);
        if (!result.IsSuccess && result.Errors[0].Kind == ErrorKind.NotFound) return NotFound();
        var outcome = await Outcome(id, result.IsSuccess ? [] : result.Errors, null, ct);
        if (result.IsSuccess) Done = HttpContext.RequestServices.GetRequiredService<IStringLocalizer<AdminsResource>>()["Host.Granted", Account.Email];
        return outcome;
    }

    private Task<IActionResult> Failed(Guid id, IReadOnlyList<Error> errors, CancellationToken ct) => Outcome(id, errors, null, ct, keepForm: true);

    private async Task<IActionResult> Outcome(Guid id, IReadOnlyList<Error> errors, string? doneKey, CancellationToken ct, bool keepForm = false)
    {
        ModelState.Clear();
        if (errors.Count > 0) ModelState.AddErrors(errors, nameof(Form));
        else if (doneKey is not null) Done = t[doneKey];
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!keepForm) Form = EditForm.From(Account);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await queries.GetAsync(id, CurrentUser.Of(User).Scope, ct);
        if (!found.IsSuccess) return false;
        Account = found.Value;
        CanImpersonate = Aulario.Web.Features.SelfService.Impersonation.CanActAs(Account) && !await impersonation.OwnedByAdminAsync(id, ct);
        HasSelfService = await hosts.HasAccessAsync(id, ct);
        return true;
    }

    public sealed class EditForm
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string License { get; set; } = "licensed";
        public string? Timezone { get; set; }
        public string? Department { get; set; }
        public bool IsClassroom { get; set; }

        public static EditForm From(Account a) => new()
        {
            FirstName = a.FirstName, LastName = a.LastName, License = AccountResponse.LicenseKey(a.LicenseType),
            Timezone = a.Timezone, Department = a.Department, IsClassroom = a.IsClassroom,
        };
    }
}
