using Aulario.ZoomSandbox.Api;
using Aulario.ZoomSandbox.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Faults;

/// <summary>
/// Picks the fault for an API call: the first matching scripted fault, else a random one from <see cref="SandboxFaults"/>
/// (429 QPS, 500/503, a "timeout" that holds the request then answers 504, or a slow reply). Delays use the sandbox clock.
/// </summary>
internal sealed class FaultInjector(SandboxState state, ZoomSandboxOptions options, TimeProvider time)
{
    /// <summary>The fault's response, or null to let the request through (possibly after a delay).</summary>
    public async Task<IResult?> ApplyAsync(HttpContext ctx)
    {
        var fault = state.Script.TryTake(ctx.Request.Method, ctx.Request.Path.Value ?? "") ?? Roll();
        if (fault is null)
        {
            var slow = options.Faults.SlowReply;
            if (slow > TimeSpan.Zero) await Task.Delay(slow, time, ctx.RequestAborted);
            return null;
        }
        // The delay's timer is armed before the fault is counted, so a test that sees the count can advance the clock safely.
        var hold = fault.Delay is { } delay && delay > TimeSpan.Zero ? Task.Delay(delay, time, ctx.RequestAborted) : Task.CompletedTask;
        Interlocked.Increment(ref state.Stats.InjectedFaults);
        await hold;
        return fault.Status switch
        {
            null => null,
            429 => TooMany(ctx.Response, fault),
            504 => ZoomResults.Error(504, 504, "Gateway timeout."),
            { } status => ZoomResults.Error(status, status, "Internal error. Please try again later."),
        };
    }

    private IResult TooMany(HttpResponse response, ScriptedFault fault)
    {
        var daily = fault.Type is not null ? string.Equals(fault.Type, "Daily-limit", StringComparison.OrdinalIgnoreCase) : fault.RetryAfterDate;
        var now = time.GetUtcNow();
        if (daily)
            return TooManyRequests.Daily(response, state, SandboxLimits.NextMidnight(now), fault.RetryAfterDate ? null : fault.RetryAfter);
        return TooManyRequests.Qps(response, state, fault.RetryAfter ?? "1", fault.RetryAfterDate ? now.AddSeconds(1) : null);
    }

    private ScriptedFault? Roll()
    {
        var f = options.Faults;
        if (f.Probability429 <= 0 && f.Probability5xx <= 0 && f.ProbabilityTimeout <= 0) return null;
        var roll = Random.Shared.NextDouble();
        if (roll < f.Probability429)
            return new ScriptedFault { Status = 429, Type = "QPS", RetryAfterDate = string.Equals(f.RetryAfterFormat, "date", StringComparison.OrdinalIgnoreCase) };
        if (roll < f.Probability429 + f.Probability5xx) return new ScriptedFault { Status = Random.Shared.Next(2) == 0 ? 500 : 503 };
        if (roll < f.Probability429 + f.Probability5xx + f.ProbabilityTimeout) return new ScriptedFault { Status = 504, Delay = f.TimeoutDelay };
        return null;
    }
}
