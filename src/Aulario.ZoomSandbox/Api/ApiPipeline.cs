using Aulario.ZoomSandbox.Auth;
using Aulario.ZoomSandbox.Faults;
using Aulario.ZoomSandbox.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aulario.ZoomSandbox.Api;

/// <summary>
/// What every /v2 call goes through, in Zoom's order: bearer token (401/124), injected faults,
/// per-label rate limits with Zoom's headers (429 QPS with Retry-After seconds; 429 Daily-limit with an ISO date).
/// </summary>
internal sealed class ApiPipeline(RequestDelegate next, SandboxState state, SandboxLimits limits, FaultInjector faults, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        if (!ctx.Request.Path.StartsWithSegments("/v2"))
        {
            await next(ctx);
            return;
        }
        if (!BearerTokens.IsValid(ctx.Request, state, time))
        {
            await ZoomResults.Error(401, 124, "Invalid access token.").ExecuteAsync(ctx);
            return;
        }

        var label = ctx.GetEndpoint()?.Metadata.GetMetadata<ZoomLabel>()?.Name ?? "Light";
        var route = ((ctx.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? ctx.Request.Path.Value ?? "").TrimEnd('/');
        state.Stats.RequestsByLabel.AddOrUpdate(label, 1, (_, n) => n + 1);
        state.Stats.RequestsByPathAndMethod.AddOrUpdate($"{ctx.Request.Method} {route}", 1, (_, n) => n + 1);

        ctx.Response.Headers["X-RateLimit-Category"] = label;
        try
        {
            if (await faults.ApplyAsync(ctx) is { } forced)
            {
                await forced.ExecuteAsync(ctx);
                return;
            }
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            return; // the client gave up while a fault held the request
        }

        var decision = limits.Check(label);
        TooManyRequests.SetHeaders(ctx.Response, label, decision.Type, decision.Limit, decision.Remaining);
        if (!decision.Allowed)
        {
            var result = decision.Type == "Daily-limit"
                ? TooManyRequests.Daily(ctx.Response, state, decision.DailyReset!.Value)
                : TooManyRequests.Qps(ctx.Response, state);
            await result.ExecuteAsync(ctx);
            return;
        }
        await next(ctx);
    }
}
