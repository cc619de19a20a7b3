using Microsoft.Extensions.Options;

namespace Aulario.Zoom;

/// <summary>Checks <see cref="ZoomOptions"/> at start; messages name the configuration key to fix.</summary>
internal sealed class ZoomOptionsValidator : IValidateOptions<ZoomOptions>
{
    public ValidateOptionsResult Validate(string? name, ZoomOptions options)
    {
        var failures = new List<string>();
        CheckUrl(options.ApiBaseUrl, "Zoom:ApiBaseUrl", failures);
        CheckUrl(options.TokenUrl, "Zoom:TokenUrl", failures);
        CheckRequired(options.AccountId, "Zoom:AccountId", "el Account ID de la app Server-to-Server OAuth", failures);
        CheckRequired(options.ClientId, "Zoom:ClientId", "el Client ID de la app Server-to-Server OAuth", failures);
        CheckRequired(options.ClientSecret, "Zoom:ClientSecret", "el Client Secret de la app Server-to-Server OAuth (usá user-secrets o una variable de entorno)", failures);
        if (!Enum.IsDefined(options.Plan))
            failures.Add("Zoom:Plan debe ser Free, Pro, Business, Education o Enterprise.");
        foreach (var domain in options.ManagedDomains)
        {
            if (string.IsNullOrWhiteSpace(domain) || domain.Contains('@', StringComparison.Ordinal) || domain.Contains(' ', StringComparison.Ordinal))
                failures.Add($"Zoom:ManagedDomains tiene un dominio inválido: «{domain}» (usá solo el dominio, p. ej. aulas.universidad.edu.ar).");
        }
        CheckPositive(options.RateLimits.Light, "Zoom:RateLimits:Light", failures);
        CheckPositive(options.RateLimits.Medium, "Zoom:RateLimits:Medium", failures);
        CheckPositive(options.RateLimits.Heavy, "Zoom:RateLimits:Heavy", failures);
        var retry = options.Retry;
        if (retry.MaxAttempts is < 1 or > 20)
            failures.Add("Zoom:Retry:MaxAttempts debe estar entre 1 y 20.");
        if (retry.BaseDelay <= TimeSpan.Zero)
            failures.Add("Zoom:Retry:BaseDelay debe ser mayor que cero (p. ej. 00:00:01).");
        if (retry.MaxDelay < retry.BaseDelay)
            failures.Add("Zoom:Retry:MaxDelay debe ser mayor o igual que Zoom:Retry:BaseDelay.");
        if (retry.MaxRetryAfter < TimeSpan.Zero)
            failures.Add("Zoom:Retry:MaxRetryAfter no puede ser negativo.");
        if (retry.RequestTimeout <= TimeSpan.Zero)
            failures.Add("Zoom:Retry:RequestTimeout debe ser mayor que cero (p. ej. 00:00:30).");
        if (options.TokenRefreshSkew < TimeSpan.Zero || options.TokenRefreshSkew >= TimeSpan.FromMinutes(30))
            failures.Add("Zoom:TokenRefreshSkew debe estar entre 0 y 30 minutos (el token de Zoom dura una hora).");
        if (options.PageSize is < 1 or > 300)
            failures.Add("Zoom:PageSize debe estar entre 1 y 300.");
        if (options.RateLimitQueueLimit < 1)
            failures.Add("Zoom:RateLimitQueueLimit debe ser mayor que cero.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(string value, string key, List<string> failures)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            failures.Add($"{key} debe ser una URL absoluta http(s); valor actual: «{value}».");
    }

    private static void CheckRequired(string value, string key, string what, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
            failures.Add($"Falta {key}: es {what}, que se obtiene en Zoom App Marketplace.");
    }

    private static void CheckPositive(int? value, string key, List<string> failures)
    {
        if (value is <= 0)
            failures.Add($"{key} debe ser un número de llamadas por segundo mayor que cero.");
    }
}
