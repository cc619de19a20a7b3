using System.Text.Json;
using Aulario.ZoomSandbox.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Features;

/// <summary>The sandbox's control surface (/_sandbox): faults, token expiry, limits, stats, reset, activation. Loopback only.</summary>
internal static class ControlEndpoints
{
    public static void Map(WebApplication app)
    {
        var control = app.MapGroup("/_sandbox").AddEndpointFilter(async (ctx, next) =>
            ctx.HttpContext.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip) ? await next(ctx) : Results.StatusCode(403));
        control.MapPost("/faults", (SandboxFaults faults, SandboxControl c) => { c.SetFaults(faults); return Results.NoContent(); }).DisableAntiforgery();
        control.MapPost("/faults/script", (List<ScriptedFault> faults, SandboxControl c) => { c.Enqueue([.. faults]); return Results.NoContent(); }).DisableAntiforgery();
        control.MapPost("/tokens/expire", (SandboxControl c) => { c.ExpireTokens(); return Results.NoContent(); }).DisableAntiforgery();
        control.MapGet("/stats", (SandboxState state) => Results.Json(state.Stats.Snapshot()));
        control.MapPost("/reset", (SandboxControl c) => { c.Reset(); return Results.NoContent(); }).DisableAntiforgery();
        control.MapPost("/limits", (LimitsInput input, SandboxControl c) => { c.SetLimits(input); return Results.NoContent(); }).DisableAntiforgery();
        control.MapPost("/users/{id}/activate", (string id, SandboxControl c) => c.Activate(id) ? Results.NoContent() : Results.NotFound()).DisableAntiforgery();
    }
}

public sealed record LimitsInput(int? LightPerSecond, int? MediumPerSecond, int? HeavyPerSecond, int? DailyCreateCap, int? DailyLightCap, int? DailyMediumCap, int? DailyHeavyCap);

/// <summary>In-process access to the same controls.</summary>
public sealed class SandboxControl(SandboxState state, ZoomSandboxOptions options, SandboxLimits limits, WebhookSender webhooks, TimeProvider time)
{
    public void SetFaults(SandboxFaults faults)
    {
        options.Faults.Probability429 = faults.Probability429;
        options.Faults.Probability5xx = faults.Probability5xx;
        options.Faults.ProbabilityTimeout = faults.ProbabilityTimeout;
        options.Faults.TimeoutDelay = faults.TimeoutDelay;
        options.Faults.SlowReply = faults.SlowReply;
        options.Faults.RetryAfterFormat = faults.RetryAfterFormat;
    }

    public void Enqueue(params ScriptedFault[] faults) { foreach (var f in faults) state.Script.Enqueue(f); }

    /// <summary>Every issued token stops working now (the next call gets 401/124).</summary>
    public void ExpireTokens() { foreach (var key in state.Tokens.Keys) state.Tokens[key] = DateTimeOffset.MinValue; }

    public void SetLimits(LimitsInput input)
    {
        options.LightPerSecond = input.LightPerSecond ?? options.LightPerSecond;
        options.MediumPerSecond = input.MediumPerSecond ?? options.MediumPerSecond;
        options.HeavyPerSecond = input.HeavyPerSecond ?? options.HeavyPerSecond;
        options.DailyCreateCap = input.DailyCreateCap ?? options.DailyCreateCap;
        options.DailyLightCap = input.DailyLightCap ?? options.DailyLightCap;
        options.DailyMediumCap = input.DailyMediumCap ?? options.DailyMediumCap;
        options.DailyHeavyCap = input.DailyHeavyCap ?? options.DailyHeavyCap;
        limits.Reset();
    }

    public void Reset() { state.Clear(); limits.Reset(); }

    /// <summary>Activates a pending user as if they had used the emailed link.</summary>
    public bool Activate(string idOrEmail)
    {
        var user = state.Find(idOrEmail);
        if (user is not { Status: "pending" }) return false;
        lock (state.Gate)
        {
            user.Status = "active";
            user.ActivationToken = null;
            user.LastLoginTime = time.GetUtcNow();
        }
        webhooks.Send("user.invitation_accepted", new System.Text.Json.Nodes.JsonObject { ["id"] = user.Id, ["email"] = user.Email });
        return true;
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
