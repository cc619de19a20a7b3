using Aulario.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Aulario.Testing;

/// <summary>
/// A fresh, migrated Aulario database on one engine (a temporary SQLite file or a new PostgreSQL database in the shared
/// test cluster), with Persistence, Data Protection and a <see cref="FakeTimeProvider"/> registered.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static TheoryData<DatabaseProvider> Engines => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private readonly string? _directory;

    private TestDatabase(ServiceProvider services, DatabaseProvider provider, string connectionString, string? directory)
    {
        Services = services;
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
    }

    public ServiceProvider Services { get; }
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    /// <param name="configure">Extra registrations (e.g. Core use cases, a Zoom client) before the provider is built.</param>
    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider, Action<IServiceCollection, IConfiguration>? configure = null) =>
        CreateAsync(provider, new FakeTimeProvider(new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero)), configure);

    /// <summary>Like the other overload, with the given clock (benchmarks pass <see cref="TimeProvider.System"/>; <see cref="Time"/> then throws).</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, TimeProvider time, Action<IServiceCollection, IConfiguration>? configure = null)
    {
        string connectionString;
        string? directory = null;
        if (provider == DatabaseProvider.PostgreSql)
        {
            connectionString = await TestPostgres.CreateDatabaseAsync("aulario");
        }
        else
        {
            directory = Path.Combine(Path.GetTempPath(), "aulario-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            connectionString = $"Data Source={Path.Combine(directory, "aulario.db")};Pooling=False";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Aulario"] = connectionString,
            ["Database:Provider"] = provider.ToString(),
        }).Build();
        var sp = BuildServices(configuration, time, directory ?? Path.GetTempPath(), configure);
        await sp.MigrateAularioDatabaseAsync();
        return new TestDatabase(sp, provider, connectionString, directory);
    }

    /// <summary>
    /// Another app instance on this same database: a new service provider (own DbContexts, singletons and Data Protection
    /// key ring read from the shared database), as a second host or a restarted process would have. The caller disposes it.
    /// </summary>
    public ServiceProvider CreateInstance(TimeProvider time, Action<IServiceCollection, IConfiguration>? configure = null, string? connectionString = null)
    {
        var configuration = Services.GetRequiredService<IConfiguration>();
        if (connectionString is not null)
            configuration = new ConfigurationBuilder().AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Aulario"] = connectionString }).Build();
        return BuildServices(configuration, time, _directory ?? Path.GetTempPath(), configure);
    }

    /// <summary>
    /// The connection string a server would use: SQLite connections pooled (the server's default). The test database itself
    /// turns pooling off only so that its file can be deleted; benchmarks measure the pooled one.
    /// </summary>
    public string ServerConnectionString =>
        Provider == DatabaseProvider.Sqlite ? ConnectionString.Replace(";Pooling=False", "", StringComparison.Ordinal) : ConnectionString;

    private static ServiceProvider BuildServices(IConfiguration configuration, TimeProvider time, string dataDirectory, Action<IServiceCollection, IConfiguration>? configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time);
        services.AddAularioPersistence(configuration, dataDirectory);
        services.AddAularioDataProtection();
        configure?.Invoke(services, configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>A new scope's DbContext (like a new request).</summary>
    public AularioDbContext NewContext(out AsyncServiceScope scope)
    {
        scope = Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<AularioDbContext>();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_directory is not null)
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
    }
}
