using System.Net;
using System.Net.Http.Headers;
using Aulario.ZoomSandbox.Tests.Infrastructure;

namespace Aulario.ZoomSandbox.Tests;

public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Valid_client_credentials_get_a_bearer_token_with_zoom_fields()
    {
        await using var host = await SandboxHost.StartAsync(authenticate: false);
        using var response = await host.TokenRequest(SandboxHost.ClientId, host.Secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SandboxHost.ReadJsonAsync(response);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Contains("user:read:admin", body.GetProperty("scope").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", body.GetProperty("api_url").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("x-zm-trackingid"));
    }

    [Theory]
    [InlineData("test-client", "wrong-secret")]
    [InlineData("other-client", null)]
    public async Task Wrong_credentials_are_refused_with_invalid_client(string clientId, string? secret)
    {
        await using var host = await SandboxHost.StartAsync(authenticate: false);
        using var response = await host.TokenRequest(clientId, secret ?? host.Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal("Invalid client_id or client_secret", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Unknown_account_is_a_bad_request()
    {
        await using var host = await SandboxHost.StartAsync(authenticate: false);
        using var response = await host.TokenRequest(SandboxHost.ClientId, host.Secret, "someone-else");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await SandboxHost.ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Api_calls_without_or_with_an_unknown_token_get_401_code_124()
    {
        await using var host = await SandboxHost.StartAsync(authenticate: false);
        using var none = await host.Http.GetAsync("v2/users");
        await SandboxHost.AssertZoomErrorAsync(none, 401, 124);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/users");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "made-up");
        using var unknown = await host.Http.SendAsync(request);
        await SandboxHost.AssertZoomErrorAsync(unknown, 401, 124);
        Assert.True(unknown.Headers.Contains("x-zm-trackingid"));
    }

    [Fact]
    public async Task A_token_stops_working_when_its_lifetime_passes_on_the_sandbox_clock()
    {
        await using var host = await SandboxHost.StartAsync(o => o.TokenLifetime = TimeSpan.FromMinutes(10));
        using (var fresh = await host.Http.GetAsync("v2/users")) Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        host.Time.Advance(TimeSpan.FromMinutes(9));
        using (var still = await host.Http.GetAsync("v2/users")) Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        host.Time.Advance(TimeSpan.FromMinutes(2));
        using var expired = await host.Http.GetAsync("v2/users");
        await SandboxHost.AssertZoomErrorAsync(expired, 401, 124);
    }

    [Fact]
    public async Task Expiring_all_tokens_from_the_control_endpoint_forces_a_new_token()
    {
        await using var host = await SandboxHost.StartAsync();
        using (var expire = await host.Http.PostControlAsync("_sandbox/tokens/expire")) Assert.Equal(HttpStatusCode.NoContent, expire.StatusCode);
        using var refused = await host.Http.GetAsync("v2/users");
        await SandboxHost.AssertZoomErrorAsync(refused, 401, 124);
        host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await host.RequestTokenAsync());
        using var again = await host.Http.GetAsync("v2/users");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, host.Server.State.Stats.TokenRequests);
    }

    [Fact]
    public async Task Options_without_a_client_secret_are_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            ZoomSandboxServer.StartAsync(new ZoomSandboxOptions { ClientSecret = "" }));
        Assert.Contains("ClientSecret", error.Message, StringComparison.Ordinal);
    }
}
