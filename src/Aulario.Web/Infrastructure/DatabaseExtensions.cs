using Aulario.Persistence;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Infrastructure;

public static class DatabaseExtensions
{
    /// <summary>EF Core (SQLite under the data folder unless ConnectionStrings:Aulario says otherwise), Data Protection keys
    /// in the database, and the schema brought up to date before the app serves requests.</summary>
    public static WebApplicationBuilder AddAularioDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AularioOptions.Section).Get<AularioOptions>() ?? new AularioOptions();
        var dataDirectory = options.ResolveDataDirectory(builder.Environment.ContentRootPath);
        builder.Services.AddAularioPersistence(builder.Configuration, dataDirectory);
        // Registered before Data Protection: hosted services start in order, and Data Protection's own hosted service
        // reads its keys from the database, so the schema must exist first.
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddAularioDataProtection();
        return builder;
    }
}

/// <summary>
/// Runs before the server starts (hosted services start in registration order, before Kestrel):
/// SQLite migrations always apply; PostgreSQL only with Database:MigrateOnStart=true (production migrates explicitly).
/// </summary>
internal sealed partial class DatabaseStartup(IServiceProvider services, DatabaseInfo database, IOptions<DatabaseOptions> options,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Sqlite || options.Value.MigrateOnStart)
        {
            await services.MigrateAularioDatabaseAsync(cancellationToken);
            LogMigrated(database.Provider);
        }
        else
        {
            LogNotMigrated();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Esquema de base de datos actualizado ({Provider}).")]
    private partial void LogMigrated(DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL: las migraciones no se aplican al iniciar (use `aulario db migrate` o Database:MigrateOnStart=true).")]
    private partial void LogNotMigrated();
}
