using System.Net;
using System.Text.Json;
using Aulario.ZoomSandbox;
using Microsoft.Extensions.Logging;

namespace Aulario.Web.Tests;

/// <summary>A configured Zoom (not demo mode) with a wrong client secret: health and the start-up log say so clearly.</summary>
public sealed class ZoomCredentialsTests
{
    [Fact]
    public async Task WrongClientSecret_HealthReportsACredentialsProblem_AndStartupLogsIt()
    {
        await using var sandbox = await ZoomSandboxServer.StartAsync(new ZoomSandboxOptions
        {
            AccountId = "cuenta-prueba",
            ClientId = "cliente-prueba",
            ClientSecret = "el-secreto-verdadero-" + Guid.NewGuid().ToString("N"),
        });
        var wrongSecret = "un-secreto-equivocado-" + Guid.NewGuid().ToString("N");
        await using var app = new AularioWebFactory(new Dictionary<string, string?>
        {
            ["Zoom:ApiBaseUrl"] = sandbox.ApiBaseUrl,
            ["Zoom:TokenUrl"] = sandbox.TokenUrl,
            ["Zoom:AccountId"] = "cuenta-prueba",
            ["Zoom:ClientId"] = "cliente-prueba",
            ["Zoom:ClientSecret"] = wrongSecret,
        });
        var client = app.CreateBrowserLikeClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(wrongSecret, body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        var zoom = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "zoom");
        Assert.Equal("Unhealthy", zoom.GetProperty("status").GetString());
        var description = zoom.GetProperty("description").GetString()!;
        Assert.Contains("Zoom rechazó las credenciales", description, StringComparison.Ordinal);
        Assert.Contains("Zoom:ClientSecret", description, StringComparison.Ordinal);
        var database = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());

        // The start-up check runs in the background; wait (bounded) for its line instead of assuming it is done.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!app.Logs.Entries.Any(e => e.Message.Contains("credenciales fueron rechazadas", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        var line = Assert.Single(app.Logs.Entries, e => e.Message.Contains("credenciales fueron rechazadas", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains(wrongSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RightCredentials_ConfiguredZoom_IsHealthy_AndNotDemo()
    {
        var secret = "el-secreto-verdadero-" + Guid.NewGuid().ToString("N");
        await using var sandbox = await ZoomSandboxServer.StartAsync(new ZoomSandboxOptions
        {
            AccountId = "cuenta-prueba", ClientId = "cliente-prueba", ClientSecret = secret,
        });
        await using var app = new AularioWebFactory(new Dictionary<string, string?>
        {
            ["Zoom:ApiBaseUrl"] = sandbox.ApiBaseUrl,
            ["Zoom:TokenUrl"] = sandbox.TokenUrl,
            ["Zoom:AccountId"] = "cuenta-prueba",
            ["Zoom:ClientId"] = "cliente-prueba",
            ["Zoom:ClientSecret"] = secret,
        });
        var client = app.CreateBrowserLikeClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/health"));

        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.DoesNotContain("badge-demo", await client.GetStringAsync("/ingresar"), StringComparison.Ordinal);
    }
}
