using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Aulario.ZoomSandbox.Tests.Infrastructure;

/// <summary>A sandbox started on a free loopback port with a fake clock, plus an HTTP client that holds a valid token.</summary>
public sealed class SandboxHost : IAsyncDisposable
{
    public const string ClientId = "test-client";
    public const string AccountId = "test-account";
    public const string ManagedDomain = "aulas.test.edu.ar";

    private SandboxHost(ZoomSandboxServer server, FakeTimeProvider time, ZoomSandboxOptions options, string secret)
    {
        Server = server;
        Time = time;
        Options = options;
        Secret = secret;
        Http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ZoomSandboxServer Server { get; }
    public FakeTimeProvider Time { get; }
    public ZoomSandboxOptions Options { get; }
    public string Secret { get; }
    /// <summary>Client on the sandbox's base URL; API calls carry the bearer token after <see cref="StartAsync"/>.</summary>
    public HttpClient Http { get; }

    public static async Task<SandboxHost> StartAsync(Action<ZoomSandboxOptions>? configure = null, bool authenticate = true)
    {
        var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var options = new ZoomSandboxOptions { AccountId = AccountId, ClientId = ClientId, ClientSecret = secret, ManagedDomains = [ManagedDomain] };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 12, 13, 0, 0, TimeSpan.Zero));
        var server = await ZoomSandboxServer.StartAsync(options, 0, time);
        var host = new SandboxHost(server, time, options, secret);
        if (authenticate)
        {
            var token = await host.RequestTokenAsync();
            host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return host;
    }

    public async Task<string> RequestTokenAsync()
    {
        using var response = await TokenRequest(ClientId, Secret);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<HttpResponseMessage> TokenRequest(string clientId, string secret, string accountId = AccountId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "account_credentials", ["account_id"] = accountId }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + secret)));
        using var anonymous = new HttpClient { BaseAddress = Server.BaseUrl };
        return await anonymous.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) => Http.PostAsync(path, Json(body));

    public Task<HttpResponseMessage> PatchJsonAsync(string path, object body) => Http.PatchAsync(path, Json(body));

    public Task<HttpResponseMessage> PutJsonAsync(string path, object body) => Http.PutAsync(path, Json(body));

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    /// <summary>POST /v2/users with the given action; returns the response.</summary>
    public Task<HttpResponseMessage> CreateUserAsync(string action, string email, int type = 2, string? password = null, string first = "Ana", string last = "Pérez") =>
        PostJsonAsync("v2/users", new { action, user_info = password is null ? (object)new { email, type, first_name = first, last_name = last } : new { email, type, first_name = first, last_name = last, password } });

    /// <summary>An active licensed user created through autoCreate; returns its id.</summary>
    public async Task<string> AutoCreateAsync(string local, int type = 2)
    {
        using var response = await CreateUserAsync("autoCreate", $"{local}@{ManagedDomain}", type, "Aulario2026x");
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ReadJsonAsync(response);
    }

    public static async Task AssertZoomErrorAsync(HttpResponseMessage response, int status, int code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected HTTP {status}, got {(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(code, doc.RootElement.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("message").GetString()));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

internal static class HttpContentExtensions
{
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient http, string url, Dictionary<string, string> form) =>
        http.PostAsync(url, new FormUrlEncodedContent(form));

    public static Task<HttpResponseMessage> PostControlAsync(this HttpClient http, string url, object? body = null) =>
        body is null ? http.PostAsync(url, null) : http.PostAsJsonAsync(url, body);
}
