using System.Globalization;
using System.Net;

namespace Aulario.Zoom;

/// <summary>What went wrong in a Zoom call, beyond the HTTP status.</summary>
public enum ZoomErrorKind
{
    /// <summary>Zoom answered with an error body (<see cref="ZoomError.Code"/> says which).</summary>
    Api,
    /// <summary>The token endpoint refused the app's credentials, or the token lacks scopes.</summary>
    Authentication,
    /// <summary>429 per-second limit still hit after the allowed retries, or a Retry-After too far away.</summary>
    RateLimited,
    /// <summary>429 Daily-limit: stop until <see cref="ZoomError.RetryAt"/>.</summary>
    DailyLimit,
    /// <summary>5xx or a network failure that was not (or could no longer be) retried.</summary>
    Unavailable,
    /// <summary>No answer within the request timeout.</summary>
    Timeout,
}

/// <summary>One entry of Zoom's <c>errors[]</c> (validation failures).</summary>
public sealed record ZoomFieldError(string Field, string Message);

/// <summary>An error reported by Zoom (or by the client on Zoom's behalf). Decide on <see cref="Code"/>, never on <see cref="Message"/>.</summary>
public sealed record ZoomError(
    ZoomErrorKind Kind,
    HttpStatusCode? Status,
    int? Code,
    string Message,
    IReadOnlyList<ZoomFieldError> FieldErrors,
    string? TrackingId = null,
    string? RateLimitType = null,
    DateTimeOffset? RetryAt = null)
{
    public const int InvalidAccessToken = 124;
    public const int ValidationFailed = 300;

    internal static ZoomError LocalQueueFull(ZoomRateLimitLabel label) =>
        new(ZoomErrorKind.RateLimited, null, null,
            string.Create(CultureInfo.InvariantCulture, $"Too many calls waiting for the {label} rate limit of this client."), []);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Zoom {Kind}: HTTP {(int?)Status} code {Code}: {Message}{(TrackingId is null ? "" : " (x-zm-trackingid " + TrackingId + ")")}");
}

/// <summary>A Zoom call failed; <see cref="Error"/> carries status, Zoom code, field errors and tracking id.</summary>
public sealed class ZoomApiException : Exception
{
    public ZoomApiException(ZoomError error, Exception? inner = null) : base(error.ToString(), inner) => Error = error;

    public ZoomError Error { get; }
}
