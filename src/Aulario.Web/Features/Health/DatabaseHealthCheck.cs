using Aulario.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Health;

/// <summary>The database answers and its schema is up to date.</summary>
public sealed class DatabaseHealthCheck(IServiceScopeFactory scopes, DatabaseInfo database, IStringLocalizer<SharedResource> t) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy(t["Health.DatabaseUnreachable", database.Provider]);
            var pending = (await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database, cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy(t["Health.DatabaseOk", database.Provider])
                : HealthCheckResult.Unhealthy(t["Health.DatabasePending", database.Provider, pending]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(t["Health.DatabaseUnreachable", database.Provider], ex);
        }
    }
}
