using Aulario.Core.Accounts;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Accounts;

/// <summary>/restablecer/{token}: the public page of an emailed password-reset link (choose a new password, confirm it).
/// The single-use token guards it; nothing about other accounts is shown. The chosen password goes to Zoom only.</summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(PasswordResetLinks links) : PageModel
{
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public PasswordResetLinkView? Link { get; private set; }
    public PasswordResetLinkView? Completed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var view = await links.ViewAsync(token, ct);
        if (!view.IsSuccess)
        {
            ModelState.AddErrors(view.Errors);
            Response.StatusCode = ErrorMapping.StatusCode(view.Errors[0].Kind);
            return Page();
        }
        Link = view.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var view = await links.ViewAsync(token, ct);
        if (!view.IsSuccess)
        {
            ModelState.AddErrors(view.Errors);
            Response.StatusCode = ErrorMapping.StatusCode(view.Errors[0].Kind);
            return Page();
        }
        Link = view.Value;
        var result = await links.CompleteAsync(new CompletePasswordResetRequest(token, Password ?? "", ConfirmPassword ?? ""), ct);
        Password = ConfirmPassword = null;
        if (!result.IsSuccess)
        {
            // Field names from Core are camelCase (API); the form's inputs are PascalCase.
            ModelState.AddErrors([.. result.Errors.Select(e => e with { Field = e.Field is null ? null : char.ToUpperInvariant(e.Field[0]) + e.Field[1..] })]);
            return Page();
        }
        Completed = result.Value;
        return Page();
    }
}
