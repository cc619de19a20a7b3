using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Persistence;

public enum DatabaseProvider { Sqlite, PostgreSql }

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AularioDbContext"/> (and <see cref="IAularioDb"/>): PostgreSQL when
    /// <c>ConnectionStrings:Aulario</c> is a PostgreSQL connection string (or <c>Database:Provider</c> says so),
    /// otherwise SQLite in a file <c>aulario.db</c> under <paramref name="dataDirectory"/>.
    /// </summary>
    public static IServiceCollection AddAularioPersistence(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var (provider, connectionString) = Resolve(configuration, dataDirectory);
        if (provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContext<AularioDbContext, PostgresAularioDbContext>(o => o.UseNpgsql(connectionString));
        }
        else
        {
            services.AddDbContext<AularioDbContext, SqliteAularioDbContext>(o => o.UseSqlite(connectionString));
        }
        services.AddScoped<IAularioDb>(sp => sp.GetRequiredService<AularioDbContext>());
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
}
