using System.Globalization;
using Aulario.ZoomSandbox.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox;

/// <summary>
/// What every /v2 call goes through, in Zoom's order: tracking id, bearer token (401/124), injected faults,
/// per-label rate limits with Zoom's headers (429 QPS with Retry-After seconds; 429 Daily-limit with an ISO date).
/// </summary>
internal sealed class ApiPipeline(RequestDelegate next, SandboxState state, SandboxLimits limits, ZoomSandboxOptions options, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        if (!ctx.Request.Path.StartsWithSegments("/v2"))
        {
            await next(ctx);
            return;
        }
        ctx.Response.Headers["x-zm-trackingid"] = "WEB_" + Guid.NewGuid().ToString("N");
        var auth = ctx.Request.Headers.Authorization.ToString();
        var token = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null;
        if (token is null || !state.Tokens.TryGetValue(token, out var expires) || expires <= time.GetUtcNow())
        {
            await ZoomResults.Error(401, 124, "Invalid access token.").ExecuteAsync(ctx);
            return;
        }

        var label = ctx.GetEndpoint()?.Metadata.GetMetadata<ZoomLabel>()?.Name ?? "Light";
        var route = (ctx.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? ctx.Request.Path.Value ?? "";
        state.Stats.RequestsByLabel.AddOrUpdate(label, 1, (_, n) => n + 1);
        state.Stats.RequestsByPathAndMethod.AddOrUpdate($"{ctx.Request.Method} {route}", 1, (_, n) => n + 1);

        if (await InjectFaultAsync(ctx, label)) return;

        var decision = limits.Check(label);
        ctx.Response.Headers["X-RateLimit-Category"] = label;
        ctx.Response.Headers["X-RateLimit-Type"] = decision.Type;
        ctx.Response.Headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        if (!decision.Allowed)
        {
            await TooManyAsync(ctx, decision.Type, decision.DailyReset);
            return;
        }
        await next(ctx);
    }

    private async Task<bool> InjectFaultAsync(HttpContext ctx, string label)
    {
        ScriptedFault? fault = null;
        if (state.Script.TryPeek(out var head) && Matches(head, ctx) && state.Script.TryDequeue(out var taken)) fault = taken;
        if (fault is null)
        {
            var f = options.Faults;
            var roll = Random.Shared.NextDouble();
            if (roll < f.Probability429) fault = new ScriptedFault { Status = 429, Type = "QPS", RetryAfterDate = f.RetryAfterFormat == "date" };
            else if (roll < f.Probability429 + f.Probability5xx) fault = new ScriptedFault { Status = Random.Shared.Next(2) == 0 ? 500 : 503 };
            else if (roll < f.Probability429 + f.Probability5xx + f.ProbabilityTimeout) fault = new ScriptedFault { Delay = f.TimeoutDelay, Status = 504 };
            else if (f.SlowReply > TimeSpan.Zero) await Task.Delay(f.SlowReply, ctx.RequestAborted);
        }
        if (fault is null) return false;
        Interlocked.Increment(ref state.Stats.InjectedFaults);
        if (fault.Delay is { } delay)
        {
            try { await Task.Delay(delay, ctx.RequestAborted); }
            catch (OperationCanceledException) { return true; }
            if (fault.Status is null) return false;
        }
        ctx.Response.Headers["X-RateLimit-Category"] = label;
        switch (fault.Status)
        {
            case 429:
                var daily = fault.Type == "Daily-limit";
                if (fault.RetryAfter is { } seconds && !fault.RetryAfterDate)
                {
                    ctx.Response.Headers["X-RateLimit-Type"] = daily ? "Daily-limit" : "QPS";
                    ctx.Response.Headers.RetryAfter = seconds;
                    if (daily) Interlocked.Increment(ref state.Stats.Daily429);
                    else Interlocked.Increment(ref state.Stats.Throttled429);
                    await ZoomResults.Error(429, 429, daily ? DailyMessage : QpsMessage).ExecuteAsync(ctx);
                }
                else
                {
                    var at = daily ? SandboxLimits.NextMidnight(time.GetUtcNow()) : time.GetUtcNow().AddSeconds(1);
                    await TooManyAsync(ctx, daily ? "Daily-limit" : "QPS", fault.RetryAfterDate || daily ? at : null);
                }
                return true;
            case { } status:
                await ZoomResults.Error(status, status, status == 504 ? "Gateway timeout." : "Internal error. Please try again later.").ExecuteAsync(ctx);
                return true;
            default:
                return false;
        }
    }

    private const string QpsMessage = "You have reached the maximum per-second rate limit for this API. Try again later.";
    private const string DailyMessage = "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.";

    private async Task TooManyAsync(HttpContext ctx, string type, DateTimeOffset? retryAt)
    {
        ctx.Response.Headers["X-RateLimit-Type"] = type;
        if (type == "Daily-limit")
        {
            Interlocked.Increment(ref state.Stats.Daily429);
            ctx.Response.Headers.RetryAfter = retryAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            await ZoomResults.Error(429, 429, DailyMessage).ExecuteAsync(ctx);
        }
        else
        {
            Interlocked.Increment(ref state.Stats.Throttled429);
            ctx.Response.Headers.RetryAfter = retryAt is { } at
                ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                : "1";
            await ZoomResults.Error(429, 429, QpsMessage).ExecuteAsync(ctx);
        }
    }

    private static bool Matches(ScriptedFault fault, HttpContext ctx) =>
        (fault.PathPrefix is null || ctx.Request.Path.Value!.StartsWith(fault.PathPrefix, StringComparison.OrdinalIgnoreCase))
        && (fault.Method is null || string.Equals(fault.Method, ctx.Request.Method, StringComparison.OrdinalIgnoreCase));
}
