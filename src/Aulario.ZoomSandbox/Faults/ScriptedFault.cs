namespace Aulario.ZoomSandbox;

/// <summary>
/// A response forced by a test or by <c>POST /_sandbox/faults/script</c>, e.g. <c>{"status":429,"type":"QPS","retryAfter":"1"}</c>,
/// <c>{"status":429,"retryAfterDate":true}</c> (a daily-limit 429 with an ISO date), <c>{"status":503}</c> or <c>{"delay":"00:00:05"}</c>.
/// </summary>
public sealed class ScriptedFault
{
    /// <summary>The status to answer (429, 500, 503, 504…); null with a <see cref="Delay"/> = a slow but normal reply.</summary>
    public int? Status { get; set; }
    /// <summary>"QPS" or "Daily-limit" for 429s. When absent: "Daily-limit" if <see cref="RetryAfterDate"/>, else "QPS".</summary>
    public string? Type { get; set; }
    /// <summary>Retry-After exactly as sent (seconds for QPS, e.g. "1").</summary>
    public string? RetryAfter { get; set; }
    /// <summary>Send Retry-After as an ISO-8601 UTC date (next 00:00 UTC for daily limits, now + 1 s for QPS).</summary>
    public bool RetryAfterDate { get; set; }
    /// <summary>Hold the request this long (sandbox clock) before answering.</summary>
    public TimeSpan? Delay { get; set; }
    /// <summary>Only requests whose path starts with this (e.g. "/v2/users") take the fault.</summary>
    public string? PathPrefix { get; set; }
    /// <summary>Only requests with this HTTP method take the fault.</summary>
    public string? Method { get; set; }

    public bool Matches(string method, string path) =>
        (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase))
        && (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase));
}
