using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aulario.Browser.Tests;

/// <summary>The real app on a Kestrel loopback port (demo mode, SQLite in its own temporary folder), for the browser.</summary>
// Entry point marker: SharedResource (Aulario.ZoomSandbox also has a top-level Program, so `Program` is ambiguous).
public sealed partial class LiveApp : WebApplicationFactory<Aulario.Web.SharedResource>
{
    /// <summary>Test hosts never watch appsettings files: dozens of in-process hosts would exhaust the machine's inotify
    /// instances (Linux default 128) and fail at start. scripts/test.sh sets the same variable.</summary>
    static LiveApp()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        // Static files and Razor's file-version cache watch wwwroot through PhysicalFileProvider: poll instead of one inotify
        // instance per host (the Linux default of 128 runs out when dozens of test hosts are alive at once).
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aulario-browser-tests", Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<(int EventId, string Message)> _logs = new();

    private readonly IReadOnlyDictionary<string, string?> _settings;

    public LiveApp() : this(new Dictionary<string, string?>()) { }

    /// <summary>With extra configuration (e.g. the Sso section pointing at a test identity provider).</summary>
    public LiveApp(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseUrl
    {
        get
        {
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }

    /// <summary>The setup token from the one log line the app writes at first start.</summary>
    public string SetupToken()
    {
        var line = _logs.LastOrDefault(l => l.EventId == 1001).Message ?? throw new InvalidOperationException("No setup link was logged.");
        return Token().Match(line).Groups[1].Value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Aulario:DataDirectory", _dataDirectory);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.AddProvider(new Capture(_logs)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"/setup\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex Token();

    private sealed class Capture(ConcurrentQueue<(int, string)> logs) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logs.Enqueue((eventId.Id, formatter(state, exception)));
        }
    }
}
