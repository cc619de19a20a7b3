using System.Globalization;
using System.Text;

namespace Aulario.Zoom.Http;

/// <summary>One Zoom API call: verb, path (relative to the API base), query, JSON body and rate-limit label.</summary>
internal sealed record ZoomRequest(HttpMethod Method, string Path, ZoomRateLimitLabel Label)
{
    public List<KeyValuePair<string, string>> Query { get; } = [];
    public object? Body { get; init; }
    /// <summary>An HTTP Range header to send (recording downloads: seeking in a video); ignored when not a valid byte range.</summary>
    public string? Range { get; init; }

    /// <summary>GET, PUT, PATCH and DELETE are safe to repeat after a 5xx or timeout; POST is not.</summary>
    public bool IsIdempotent => Method != HttpMethod.Post;

    public ZoomRequest With(string name, string? value)
    {
        if (value is not null) Query.Add(new(name, value));
        return this;
    }

    public ZoomRequest With(string name, int? value) => With(name, value?.ToString(CultureInfo.InvariantCulture));

    public ZoomRequest With(string name, bool? value) => With(name, value is null ? null : value.Value ? "true" : "false");

    public ZoomRequest With(string name, DateOnly? value) => With(name, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public string RelativeUri()
    {
        if (Query.Count == 0) return Path;
        var sb = new StringBuilder(Path).Append('?');
        for (var i = 0; i < Query.Count; i++)
        {
            if (i > 0) sb.Append('&');
            sb.Append(Uri.EscapeDataString(Query[i].Key)).Append('=').Append(Uri.EscapeDataString(Query[i].Value));
        }
        return sb.ToString();
    }

    /// <summary>Escapes one path segment (a user id or email).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>Meeting UUIDs that start with '/' or contain "//" must be encoded twice (Zoom's rule).</summary>
    public static string MeetingSegment(string idOrUuid)
    {
        var once = Uri.EscapeDataString(idOrUuid);
        return idOrUuid.StartsWith('/') || idOrUuid.Contains("//", StringComparison.Ordinal) ? Uri.EscapeDataString(once) : once;
    }
}
