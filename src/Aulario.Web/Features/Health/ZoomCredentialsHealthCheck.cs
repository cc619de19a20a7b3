using Aulario.Zoom;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Health;

/// <summary>Zoom accepts the configured Server-to-Server OAuth credentials (a token can be obtained).</summary>
public sealed class ZoomCredentialsHealthCheck(IServiceScopeFactory scopes, IStringLocalizer<SharedResource> t) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = await ZoomCredentialsProbe.CheckAsync(scopes, cancellationToken);
        return problem is null
            ? HealthCheckResult.Healthy(t["Health.ZoomOk"])
            : HealthCheckResult.Unhealthy(t["Health.ZoomCredentials", problem]);
    }
}

/// <summary>Logs once at start whether Zoom accepts the credentials, so a wrong client secret is visible in the logs at once.</summary>
public sealed partial class ZoomCredentialsStartupCheck(IServiceScopeFactory scopes, ILogger<ZoomCredentialsStartupCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            var problem = await ZoomCredentialsProbe.CheckAsync(scopes, stoppingToken);
            if (problem is null) LogOk();
            else LogRejected(problem);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoom: las credenciales fueron aceptadas.")]
    private partial void LogOk();

    [LoggerMessage(Level = LogLevel.Error, Message = "Zoom: las credenciales fueron rechazadas ({Problem}). Revise Zoom:AccountId, Zoom:ClientId y Zoom:ClientSecret.")]
    private partial void LogRejected(string problem);
}

internal static class ZoomCredentialsProbe
{
    /// <summary>Null when Zoom issues a token; otherwise the reason (never the secret).</summary>
    public static async Task<string?> CheckAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<ZoomClient>();
        try
        {
            var result = await client.CheckCredentialsAsync(ct);
            return result.IsSuccess ? null : result.Errors[0].Message;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return ex.Message;
        }
    }
}
