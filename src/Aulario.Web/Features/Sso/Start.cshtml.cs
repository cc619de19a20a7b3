using Aulario.Core.Sso;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Sso;

/// <summary>"Ingresar con …": sends the browser to the identity provider (a plain link, so it works without JS and the
/// CSP's form-action 'self' never sees the redirect to another origin). 404 while SSO is off.</summary>
public sealed partial class StartModel(IOptions<SsoOptions> options, IOptionsMonitor<OpenIdConnectOptions> oidc, ILogger<StartModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled) return NotFound();
        // Read the provider's metadata first: when it is down the person gets a clear page instead of an error 500.
        try
        {
            if (oidc.Get(SsoExtensions.Scheme).ConfigurationManager is { } metadata) await metadata.GetConfigurationAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or TaskCanceledException)
        {
            LogMetadataFailed(logger, ex.GetType().Name);
            return LocalRedirect(SsoExtensions.CompletePath + "?error=unavailable");
        }
        var back = !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
        var complete = back is null ? SsoExtensions.CompletePath : SsoExtensions.CompletePath + "?returnUrl=" + Uri.EscapeDataString(back);
        return Challenge(new AuthenticationProperties { RedirectUri = complete }, SsoExtensions.Scheme);
    }

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "SSO: the identity provider's metadata could not be read ({Error})")]
    private static partial void LogMetadataFailed(ILogger logger, string error);
}
