using System.Text.Json.Nodes;
using Aulario.ZoomSandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Control;

/// <summary>The sandbox's control surface (/_sandbox): faults, token expiry, limits, stats, reset, activation. No bearer; loopback only.</summary>
internal static class ControlEndpoints
{
    public static void Map(WebApplication app)
    {
        var control = app.MapGroup("/_sandbox").AddEndpointFilter(async (ctx, next) =>
            ctx.HttpContext.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip) ? await next(ctx) : Results.StatusCode(403));
        control.MapPost("/faults", (SandboxFaults faults, SandboxControl c) =>
        {
            try { c.SetFaults(faults); }
            catch (ArgumentException ex) { return Results.BadRequest(new { error = ex.Message }); }
            return Results.NoContent();
        }).DisableAntiforgery();
        control.MapPost("/faults/script", async (HttpRequest request, SandboxControl c) =>
        {
            JsonNode? body;
            try { body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted); }
            catch (System.Text.Json.JsonException) { body = null; }
            List<ScriptedFault>? faults;
            try { faults = ScriptedFaultReader.Read(body); }
            catch (Exception ex) when (ex is FormatException or OverflowException or InvalidOperationException) { faults = null; }
            if (faults is null) return Results.BadRequest(new { error = "Expected a fault object or an array of them, e.g. [{\"status\":429,\"type\":\"QPS\",\"retryAfter\":\"1\"}]." });
            c.Enqueue([.. faults]);
            return Results.NoContent();
        }).DisableAntiforgery();
        control.MapPost("/tokens/expire", (SandboxControl c) => { c.ExpireTokens(); return Results.NoContent(); }).DisableAntiforgery();
        control.MapGet("/stats", (SandboxControl c) => Results.Json(c.Stats()));
        control.MapPost("/reset", (SandboxControl c) => { c.Reset(); return Results.NoContent(); }).DisableAntiforgery();
        control.MapPost("/limits", (LimitsInput input, SandboxControl c) => { c.SetLimits(input); return Results.NoContent(); }).DisableAntiforgery();
        control.MapPost("/users/{id}/activate", (string id, SandboxControl c) => c.Activate(id) ? Results.NoContent() : Results.NotFound()).DisableAntiforgery();
    }
}
