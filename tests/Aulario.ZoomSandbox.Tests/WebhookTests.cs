using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Aulario.ZoomSandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aulario.ZoomSandbox.Tests;

public sealed class WebhookTests
{
    private sealed record Delivery(string Body, string Signature, string Timestamp);

    /// <summary>A loopback receiver that records raw webhook deliveries.</summary>
    private static async Task<(WebApplication App, string Url, Channel<Delivery> Deliveries)> StartReceiverAsync()
    {
        var deliveries = Channel.CreateUnbounded<Delivery>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/zoom/webhooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            await deliveries.Writer.WriteAsync(new Delivery(body, request.Headers["x-zm-signature"].ToString(), request.Headers["x-zm-request-timestamp"].ToString()));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, address.TrimEnd('/') + "/zoom/webhooks", deliveries);
    }

    private static async Task<Delivery> NextAsync(Channel<Delivery> deliveries)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await deliveries.Reader.ReadAsync(cts.Token);
    }

    [Fact]
    public async Task User_events_are_signed_like_zoom_and_verify_with_the_secret()
    {
        var (receiver, url, deliveries) = await StartReceiverAsync();
        await using var receiverApp = receiver;
        const string secret = "webhook-secret-token";
        await using var host = await SandboxHost.StartAsync(o => { o.WebhookUrl = url; o.WebhookSecretToken = secret; });

        using (await host.CreateUserAsync("create", "ñandú@otra.edu.ar", first: "Ñandú")) { }
        var created = await NextAsync(deliveries);
        var expected = "v0=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"v0:{created.Timestamp}:{created.Body}"))).ToLowerInvariant();
        Assert.Equal(expected, created.Signature);
        Assert.Contains("Ñandú", created.Body, StringComparison.Ordinal); // raw UTF-8, as Zoom sends it
        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), created.Timestamp);
        var wrong = "v0=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes("other"), Encoding.UTF8.GetBytes($"v0:{created.Timestamp}:{created.Body}"))).ToLowerInvariant();
        Assert.NotEqual(wrong, created.Signature);

        using var doc = JsonDocument.Parse(created.Body);
        Assert.Equal("user.created", doc.RootElement.GetProperty("event").GetString());
        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeMilliseconds(), doc.RootElement.GetProperty("event_ts").GetInt64());
        var payload = doc.RootElement.GetProperty("payload");
        Assert.Equal(SandboxHost.AccountId, payload.GetProperty("account_id").GetString());
        Assert.Equal("create", payload.GetProperty("creation_type").GetString());
        Assert.Equal("Ñandú", payload.GetProperty("object").GetProperty("first_name").GetString());

        var id = payload.GetProperty("object").GetProperty("id").GetString()!;
        Assert.True(host.Server.Control.Activate(id));
        var accepted = await NextAsync(deliveries);
        using var acceptedDoc = JsonDocument.Parse(accepted.Body);
        Assert.Equal("user.invitation_accepted", acceptedDoc.RootElement.GetProperty("event").GetString());

        using (await host.PutJsonAsync($"v2/users/{id}/status", new { action = "deactivate" })) { }
        using var deactivated = JsonDocument.Parse((await NextAsync(deliveries)).Body);
        Assert.Equal("user.deactivated", deactivated.RootElement.GetProperty("event").GetString());

        using (await host.PatchJsonAsync($"v2/users/{id}", new { dept = "Aulas" })) { }
        using var updated = JsonDocument.Parse((await NextAsync(deliveries)).Body);
        Assert.Equal("user.updated", updated.RootElement.GetProperty("event").GetString());
        Assert.Equal("Aulas", updated.RootElement.GetProperty("payload").GetProperty("object").GetProperty("dept").GetString());
        Assert.True(updated.RootElement.GetProperty("payload").TryGetProperty("old_object", out _));
    }
}
