using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Accounts;

/// <summary>/registro/{token}: the public sign-up page of an emailed invitation (confirm the name, choose a password).
/// The single-use token guards it; nothing about other accounts is shown.</summary>
[AllowAnonymous]
public sealed class SignUpModel(Invitations invitations, Admins.HostAccess hosts, IStringLocalizer<AccountsResource> t) : PageModel
{
    [BindProperty] public string? FirstName { get; set; }
    [BindProperty] public string? LastName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public InvitationView? Invitation { get; private set; }
    public Account? Completed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var view = await invitations.ViewAsync(token, ct);
        if (!view.IsSuccess)
        {
            ModelState.AddErrors(view.Errors);
            Response.StatusCode = ErrorMapping.StatusCode(view.Errors[0].Kind);
            return Page();
        }
        Invitation = view.Value;
        FirstName = view.Value.FirstName;
        LastName = view.Value.LastName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var view = await invitations.ViewAsync(token, ct);
        if (!view.IsSuccess)
        {
            ModelState.AddErrors(view.Errors);
            Response.StatusCode = ErrorMapping.StatusCode(view.Errors[0].Kind);
            return Page();
        }
        Invitation = view.Value;
        if (!string.Equals(Password, ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddErrors([Error.Validation("signup.password-mismatch", t["SignUp.Mismatch"], nameof(ConfirmPassword))]);
            return Page();
        }
        var result = await invitations.AcceptAsync(new AcceptInvitationRequest(token, FirstName ?? "", LastName ?? "", Password ?? ""), ct);
        if (!result.IsSuccess)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }
        Completed = result.Value;
        // The owner can also sign in to Aulario's self-service (/mi-cuenta) from now on, with the same password when it meets
        // Aulario's rules (else a set-password link is mailed). Failing here leaves the account created: an admin can grant it later.
        await hosts.GrantOnSignUpAsync(result.Value, Password ?? "", Admins.AdminsIndexModel.SetPasswordUrl(Request),
            System.Globalization.CultureInfo.CurrentUICulture.Name, ct);
        Password = ConfirmPassword = null;
        return Page();
    }
}
