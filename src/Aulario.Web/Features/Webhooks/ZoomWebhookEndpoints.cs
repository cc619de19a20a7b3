using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Zoom.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Webhooks;

/// <summary>Section "Webhooks".</summary>
public sealed class WebhookOptions
{
    /// <summary>The Zoom app's "Secret Token" (Event Subscriptions). Without it the endpoint refuses everything.</summary>
    public string? ZoomSecretToken { get; set; }
    public TimeSpan TimestampWindow { get; set; } = ZoomWebhookSignature.DefaultWindow;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Largest body accepted (Zoom's user events are a few KB).</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;
}

/// <summary>
/// POST /webhooks/zoom: answers the URL-validation challenge; verifies the signature on the raw bytes in constant time within a
/// 5-minute window; stores the event (deduplicated by body hash) and acknowledges at once. <see cref="WebhookProcessor"/> applies it.
/// </summary>
public static class ZoomWebhookEndpoints
{
    public static WebApplicationBuilder AddAularioWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks")
            .Validate(o => o.TimestampWindow > TimeSpan.Zero && o.MaxBodyBytes > 0, "Webhooks:TimestampWindow y Webhooks:MaxBodyBytes deben ser positivos.")
            .ValidateOnStart();
        builder.Services.AddHostedService<WebhookProcessor>();
        return builder;
    }

    public static void MapZoomWebhooks(this WebApplication app) =>
        app.MapPost("/webhooks/zoom", HandleAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(HttpRequest request, IOptions<WebhookOptions> options, IAularioDb db, TimeProvider time,
        ILogger<WebhookOptionsLog> log, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.ZoomSecretToken))
            return Results.Problem(title: "Los webhooks de Zoom no están configurados (Webhooks:ZoomSecretToken).", statusCode: StatusCodes.Status503ServiceUnavailable);
        if (request.ContentLength > o.MaxBodyBytes)
            return Results.Problem(title: "El cuerpo del webhook es demasiado grande.", statusCode: StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > o.MaxBodyBytes)
            return Results.Problem(title: "El cuerpo del webhook es demasiado grande.", statusCode: StatusCodes.Status413PayloadTooLarge);
        var raw = buffer.ToArray();

        if (!ZoomWebhookSignature.Verify(o.ZoomSecretToken, request.Headers["x-zm-request-timestamp"], request.Headers["x-zm-signature"], raw, time.GetUtcNow(), o.TimestampWindow))
        {
            log.LogWarning("Zoom webhook rejected: bad signature or stale timestamp.");
            return Results.Problem(title: "Firma del webhook inválida o vencida.", statusCode: StatusCodes.Status401Unauthorized);
        }

        JsonNode? root;
        try { root = JsonNode.Parse(raw); }
        catch (JsonException) { return Results.Problem(title: "El cuerpo del webhook no es JSON válido.", statusCode: StatusCodes.Status400BadRequest); }
        var name = root is JsonObject ? ZoomWebhookParser.EventName(root) : null;
        if (string.IsNullOrEmpty(name)) return Results.Problem(title: "El webhook no indica el evento (event).", statusCode: StatusCodes.Status400BadRequest);

        if (name == "endpoint.url_validation")
        {
            var plain = root?["payload"]?["plainToken"]?.GetValue<string>();
            if (string.IsNullOrEmpty(plain)) return Results.Problem(title: "Falta payload.plainToken.", statusCode: StatusCodes.Status400BadRequest);
            var (plainToken, encryptedToken) = ZoomWebhookSignature.UrlValidation(o.ZoomSecretToken, plain);
            return Results.Json(new { plainToken, encryptedToken });
        }

        var key = Convert.ToHexString(SHA256.HashData(raw));
        if (!await db.WebhookEvents.AnyAsync(e => e.Source == "zoom" && e.DedupKey == key, ct))
        {
            db.WebhookEvents.Add(new WebhookEvent
            {
                Source = "zoom", EventName = name.Length > 100 ? name[..100] : name, DedupKey = key,
                PayloadJson = System.Text.Encoding.UTF8.GetString(raw), ReceivedAt = time.GetUtcNow(),
            });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { /* the same delivery stored concurrently: already acknowledged */ }
        }
        return Results.Ok();
    }
}

/// <summary>Category for the endpoint's log lines.</summary>
public sealed class WebhookOptionsLog;

/// <summary>Applies stored webhook events in order; each once (ProcessedAt), retried a few times on failure.</summary>
public sealed class WebhookProcessor(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookProcessor> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await ProcessPendingAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Webhook events could not be processed; retrying."); }
            try { await Task.Delay(options.Value.PollInterval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task<int> ProcessPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAularioDb>();
        var events = scope.ServiceProvider.GetRequiredService<ProviderUserEvents>();
        var now = time.GetUtcNow();
        var candidates = await db.WebhookEvents.Where(e => e.ProcessedAt == null && e.Attempts < 5 && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.ClaimedUntil }).Take(100).ToListAsync(ct);
        var processed = 0;
        foreach (var candidate in candidates)
        {
            // Claim with a conditional update: another instance (or a second loop) that got here first wins, this one skips.
            var until = time.GetUtcNow() + TimeSpan.FromMinutes(2);
            var claimed = await db.WebhookEvents
                .Where(x => x.Id == candidate.Id && x.ProcessedAt == null && x.ClaimedUntil == candidate.ClaimedUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedUntil, until), ct);
            if (claimed != 1) continue;
            var e = await db.WebhookEvents.FirstAsync(x => x.Id == candidate.Id, ct);
            processed++;
            try
            {
                var parsed = ZoomWebhookParser.ParseUserEvent(JsonNode.Parse(e.PayloadJson));
                e.Result = parsed is null ? "Evento no usado por Aulario." : await events.ApplyAsync(parsed, ct);
                e.ProcessedAt = time.GetUtcNow();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                e.Attempts++;
                e.Result = "Error: " + (ex.Message.Length > 900 ? ex.Message[..900] : ex.Message);
                log.LogWarning(ex, "Webhook event {Id} ({Event}) failed", e.Id, e.EventName);
            }
            e.ClaimedUntil = null;
            await db.SaveChangesAsync(ct);
        }
        return processed;
    }
}
