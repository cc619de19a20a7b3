using Aulario.Core.Sso;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Sso;

/// <summary>"Ingresar con …": sends the browser to the identity provider (a plain link, so it works without JS and the
/// CSP's form-action 'self' never sees the redirect to another origin). 404 while SSO is off.</summary>
public sealed class StartModel(IOptions<SsoOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (!options.Value.Enabled) return NotFound();
        var back = !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
        var complete = back is null ? SsoExtensions.CompletePath : SsoExtensions.CompletePath + "?returnUrl=" + Uri.EscapeDataString(back);
        return Challenge(new AuthenticationProperties { RedirectUri = complete }, SsoExtensions.Scheme);
    }
}
