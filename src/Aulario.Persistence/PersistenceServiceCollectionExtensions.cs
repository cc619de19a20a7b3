using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Secrets;
using Aulario.Persistence.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aulario.Persistence;

public enum DatabaseProvider { Sqlite, PostgreSql }

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AularioDbContext"/> (and <see cref="IAularioDb"/>, the audit log and the audit query):
    /// PostgreSQL when <c>ConnectionStrings:Aulario</c> is a PostgreSQL connection string (or <c>Database:Provider</c> says so),
    /// otherwise SQLite in a file <c>aulario.db</c> under <paramref name="dataDirectory"/>.
    /// </summary>
    public static IServiceCollection AddAularioPersistence(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var (provider, connectionString) = Resolve(configuration, dataDirectory);
        services.AddSingleton(new DatabaseInfo(provider));
        if (provider == DatabaseProvider.PostgreSql)
            services.AddDbContext<AularioDbContext, PostgresAularioDbContext>(o => o.UseNpgsql(connectionString));
        else
        {
            var cacheMiB = configuration.GetValue("Database:SqliteCacheSizeMiB", SqliteConnectionTuning.DefaultCacheSizeMiB);
            if (cacheMiB is < SqliteConnectionTuning.MinCacheSizeMiB or > SqliteConnectionTuning.MaxCacheSizeMiB)
                throw new InvalidOperationException(
                    $"Database:SqliteCacheSizeMiB debe estar entre {SqliteConnectionTuning.MinCacheSizeMiB} y {SqliteConnectionTuning.MaxCacheSizeMiB} (MiB).");
            var tuning = new SqliteConnectionTuning(cacheMiB);
            services.AddDbContext<AularioDbContext, SqliteAularioDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(tuning));
        }
        services.AddScoped<IAularioDb>(sp => sp.GetRequiredService<AularioDbContext>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AuditQuery>();
        return services;
    }

    /// <summary>Data Protection with its keys in the database (so stored secrets and cookies survive restarts and are shared by instances).</summary>
    public static IServiceCollection AddAularioDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Aulario").PersistKeysToDbContext<AularioDbContext>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }

    public static (DatabaseProvider Provider, string ConnectionString) Resolve(IConfiguration configuration, string dataDirectory)
    {
        var cs = configuration.GetConnectionString("Aulario");
        var declared = configuration["Database:Provider"];
        if (!string.IsNullOrWhiteSpace(cs))
        {
            var isPg = string.Equals(declared, "PostgreSql", StringComparison.OrdinalIgnoreCase)
                || (declared is null && cs.Contains("Host=", StringComparison.OrdinalIgnoreCase));
            return (isPg ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite, cs);
        }
        Directory.CreateDirectory(dataDirectory);
        return (DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDirectory, "aulario.db")}");
    }

    /// <summary>Applies the engine's migrations.</summary>
    public static async Task MigrateAularioDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        await db.Database.MigrateAsync(ct);
    }
}

/// <summary>Which engine this instance uses.</summary>
public sealed record DatabaseInfo(DatabaseProvider Provider);
