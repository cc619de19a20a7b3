using System.Globalization;
using Aulario.ZoomSandbox.Api;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.RateLimiting;

/// <summary>Zoom's rate-limit headers and 429 answers.</summary>
internal static class TooManyRequests
{
    public const string QpsMessage = "You have reached the maximum per-second rate limit for this API. Try again later.";
    public const string DailyMessage = "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.";

    public static void SetHeaders(HttpResponse response, string label, string type, int limit, int remaining)
    {
        response.Headers["X-RateLimit-Category"] = label;
        response.Headers["X-RateLimit-Type"] = type;
        response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>429 of the per-second limit: Retry-After in seconds (or as a date when <paramref name="retryAt"/> is given).</summary>
    public static IResult Qps(HttpResponse response, SandboxState state, string retryAfterSeconds = "1", DateTimeOffset? retryAt = null)
    {
        Interlocked.Increment(ref state.Stats.Throttled429);
        response.Headers["X-RateLimit-Type"] = "QPS";
        response.Headers.RetryAfter = retryAt is { } at ? ZoomResults.Iso(at) : retryAfterSeconds;
        return ZoomResults.Error(429, 429, QpsMessage);
    }

    /// <summary>429 of a daily cap: Retry-After is the ISO-8601 UTC date of the next 00:00 UTC, as Zoom sends it.</summary>
    public static IResult Daily(HttpResponse response, SandboxState state, DateTimeOffset resetAt, string? retryAfterOverride = null)
    {
        Interlocked.Increment(ref state.Stats.Daily429);
        response.Headers["X-RateLimit-Type"] = "Daily-limit";
        response.Headers["X-RateLimit-Remaining"] = "0";
        response.Headers.RetryAfter = retryAfterOverride ?? ZoomResults.Iso(resetAt);
        return ZoomResults.Error(429, 429, DailyMessage);
    }
}
