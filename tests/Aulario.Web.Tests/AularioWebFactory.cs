using System.Net;
using System.Text.RegularExpressions;
using Aulario.Testing;
using Aulario.Web.Features.Setup;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aulario.Web.Tests;

/// <summary>
/// The real web host over a fresh SQLite file in its own temporary folder, with the Zoom sandbox started in-process (demo mode)
/// unless the test configures Zoom. Log lines are captured so tests can read what an operator would read.
/// </summary>
// Entry point marker: SharedResource (Aulario.ZoomSandbox also has a top-level Program, so `Program` is ambiguous).
public sealed partial class AularioWebFactory : WebApplicationFactory<Aulario.Web.SharedResource>
{
    /// <summary>Test hosts never watch appsettings files: dozens of in-process hosts would exhaust the machine's inotify
    /// instances (Linux default 128) and fail at start. scripts/test.sh sets the same variable.</summary>
    static AularioWebFactory()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        // Static files and Razor's file-version cache watch wwwroot through PhysicalFileProvider: poll instead of one inotify
        // instance per host (the Linux default of 128 runs out when dozens of test hosts are alive at once).
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDirectory;

    public AularioWebFactory(Dictionary<string, string?>? settings = null)
    {
        _ownsDirectory = settings?.ContainsKey("Aulario:DataDirectory") != true;
        DataDirectory = _ownsDirectory
            ? Path.Combine(Path.GetTempPath(), "aulario-web-tests", Guid.NewGuid().ToString("N"))
            : settings!["Aulario:DataDirectory"]!;
        // Demo classrooms (portal ISSP, 3 linked accounts) only where a test asks for them: other tests count accounts and audit rows.
        _settings = new Dictionary<string, string?> { ["Aulario:DataDirectory"] = DataDirectory, ["Demo:SeedClassrooms"] = "false" };
        foreach (var (k, v) in settings ?? []) _settings[k] = v;
    }

    public string DataDirectory { get; }
    public CapturedLogs Logs { get; } = new();
    /// <summary>A clock for the whole host (use cases, Zoom sandbox, mail), e.g. a FakeTimeProvider a test advances; null = system clock.</summary>
    public TimeProvider? Clock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        if (Clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }

    /// <summary>The one-time setup link the app logged at start (only when there was no user).</summary>
    public string SetupToken()
    {
        _ = Services; // starts the host
        var line = Logs.Entries.LastOrDefault(e => e.EventId == 1001)
            ?? throw new InvalidOperationException("The app did not log a setup link.");
        return TokenPattern().Match(line.Message).Groups[1].Value;
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates an institution admin through the same use case as /setup.</summary>
    public async Task CreateAdminAsync(string email, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CreateFirstAdmin>()
            .ExecuteAsync(new FirstAdminInput(email, "Admin de prueba", password), CancellationToken.None);
        if (!result.IsSuccess) throw new InvalidOperationException(result.Errors[0].Message);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDirectory) try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"/setup\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex TokenPattern();
}

/// <summary>Form posts the way a browser sends them: the antiforgery token read from the page first.</summary>
public static partial class FormPosts
{
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ReadToken(await response.Content.ReadAsStringAsync());
    }

    public static string ReadToken(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, string? token, params (string Key, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList();
        if (token is not null) values.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password)
    {
        var token = await client.AntiforgeryTokenAsync("/ingresar");
        return await client.PostFormAsync("/ingresar", token, ("Input.Email", email), ("Input.Password", password));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
