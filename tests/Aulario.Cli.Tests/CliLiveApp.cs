using Aulario.Core.ApiTokens;
using Aulario.Core.Audit;
using Aulario.Web.Features.Setup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Cli.Tests;

/// <summary>The real web app on a Kestrel loopback port (demo mode, SQLite in its own temporary folder) with an institution
/// admin and an API token of theirs, for the CLI to talk to over real HTTP.</summary>
// Entry point marker: SharedResource (the sandbox and the CLI also have a top-level Program).
public sealed class CliLiveApp : WebApplicationFactory<Aulario.Web.SharedResource>, IAsyncLifetime
{
    /// <summary>Test hosts never watch appsettings files: dozens of in-process hosts would exhaust the machine's inotify
    /// instances (Linux default 128) and fail at start. scripts/test.sh sets the same variable.</summary>
    static CliLiveApp()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        // Static files and Razor's file-version cache watch wwwroot through PhysicalFileProvider: poll instead of one inotify
        // instance per host (the Linux default of 128 runs out when dozens of test hosts are alive at once).
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    public const string AdminEmail = "admin@inst.edu.ar";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aulario-cli-tests", Guid.NewGuid().ToString("N"));

    public CliLiveApp()
    {
        UseKestrel(0);
        StartServer();
    }

    public string Url => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
        .Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

    /// <summary>A valid token of the admin (created through the same use case as the /tokens page).</summary>
    public string Token { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<CreateFirstAdmin>()
            .ExecuteAsync(new FirstAdminInput(AdminEmail, "Admin de prueba", "clave-de-prueba-larga-2026"), CancellationToken.None);
        Assert.True(admin.IsSuccess);
        Token = await CreateTokenAsync("CLI de prueba");
    }

    public async Task<string> CreateTokenAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiTokenCommands>().CreateAsync(name, new Actor(AdminEmail));
        return created.Value.Secret;
    }

    public async Task RevokeAsync(string secret)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Aulario.Persistence.AularioDbContext>();
        var hash = ApiTokenSecret.Hash(secret);
        var token = db.ApiTokens.Single(t => t.TokenHash == hash);
        var revoked = await scope.ServiceProvider.GetRequiredService<ApiTokenCommands>().RevokeAsync(token.Id, new Actor(AdminEmail));
        Assert.True(revoked.IsSuccess);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Aulario:DataDirectory", _dataDirectory);
        builder.UseSetting("Jobs:PollInterval", "00:00:00.200");
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
