using System.Net.Http.Json;
using System.Text.Json;
using Aulario.Core.Conferencing;
using Aulario.Zoom.Http;
using Aulario.ZoomSandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aulario.Zoom.Tests.Infrastructure;

/// <summary>
/// A Zoom sandbox on loopback plus a client built with the production registration (<c>AddZoomClient</c>),
/// a request recorder in the client's pipeline, and helpers for the sandbox's control endpoints.
/// </summary>
public sealed class ZoomTestHost : IAsyncDisposable
{
    public const string ManagedDomain = "aulas.test.edu.ar";
    private const string Secret = "test-secret-7b1f";

    private readonly ServiceProvider _services;
    private readonly HttpClient _control;

    private ZoomTestHost(ZoomSandboxServer sandbox, ServiceProvider services, RecordingHandler recorder)
    {
        Sandbox = sandbox;
        _services = services;
        Recorder = recorder;
        _control = new HttpClient { BaseAddress = sandbox.BaseUrl };
    }

    public ZoomSandboxServer Sandbox { get; }
    public RecordingHandler Recorder { get; }
    public ZoomClient Client => _services.GetRequiredService<ZoomClient>();
    public IConferencingProvider Provider => _services.GetRequiredService<IConferencingProvider>();
    public IServiceProvider Services => _services;

    public static async Task<ZoomTestHost> StartAsync(
        Action<ZoomOptions>? configure = null,
        Action<ZoomSandboxOptions>? sandbox = null,
        TimeProvider? time = null,
        string? clientSecret = null)
    {
        var sandboxOptions = new ZoomSandboxOptions { ClientSecret = Secret, ManagedDomains = [ManagedDomain] };
        sandbox?.Invoke(sandboxOptions);
        var server = await ZoomSandboxServer.StartAsync(sandboxOptions, port: 0, time: time);
        var recorder = new RecordingHandler();
        var services = new ServiceCollection();
        if (time is not null) services.AddSingleton(time);
        services.AddZoomClient(o =>
        {
            o.ApiBaseUrl = server.ApiBaseUrl;
            o.TokenUrl = server.TokenUrl;
            o.AccountId = sandboxOptions.AccountId;
            o.ClientId = sandboxOptions.ClientId;
            o.ClientSecret = clientSecret ?? Secret;
            o.ManagedDomains = [ManagedDomain];
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(20);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(o);
        });
        services.AddHttpClient(ZoomApiTransport.HttpClientName).AddHttpMessageHandler(() => recorder);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<ZoomOptions>>().Value; // validates like ValidateOnStart
        return new ZoomTestHost(server, provider, recorder);
    }

    /// <summary>Enqueues forced responses (POST /_sandbox/faults/script).</summary>
    public async Task ScriptAsync(params object[] faults)
    {
        using var response = await _control.PostAsJsonAsync("_sandbox/faults/script", faults);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every token the sandbox issued stops working (POST /_sandbox/tokens/expire).</summary>
    public async Task ExpireTokensAsync()
    {
        using var response = await _control.PostAsync("_sandbox/tokens/expire", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>GET /_sandbox/stats.</summary>
    public async Task<JsonElement> StatsAsync()
    {
        using var doc = JsonDocument.Parse(await _control.GetStringAsync("_sandbox/stats"));
        return doc.RootElement.Clone();
    }

    public async Task<int> TokenRequestsAsync() => Stat(await StatsAsync(), "tokenRequests");

    public async Task<int> CreatesOfAsync(string email)
    {
        var stats = await StatsAsync();
        var created = Property(stats, "usersCreatedByEmail");
        return created.ValueKind == JsonValueKind.Object && created.TryGetProperty(email, out var n) ? n.GetInt32() : 0;
    }

    public static int Stat(JsonElement stats, string name) => Property(stats, name).GetInt32();

    private static JsonElement Property(JsonElement obj, string camelName)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, camelName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(p.Name.Replace("_", "", StringComparison.Ordinal), camelName, StringComparison.OrdinalIgnoreCase))
                return p.Value;
        }
        throw new KeyNotFoundException("Sandbox stats have no " + camelName + ": " + obj);
    }

    /// <summary>An active user created directly in the sandbox state.</summary>
    public SandboxUser AddUser(string email, int type = 2, string status = "active") =>
        Sandbox.State.Add(email, "Nombre", "Apellido", type, status, DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
