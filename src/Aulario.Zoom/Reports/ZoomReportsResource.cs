using System.Runtime.CompilerServices;
using Aulario.Zoom.Http;

namespace Aulario.Zoom.Reports;

public sealed record ZoomReportMeeting
{
    public string? Uuid { get; init; }
    public long Id { get; init; }
    public string? Topic { get; init; }
    public int Type { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public int? Duration { get; init; }
    public int? TotalMinutes { get; init; }
    public int? ParticipantsCount { get; init; }
    public string? UserName { get; init; }
    public string? UserEmail { get; init; }
    public string? Source { get; init; }
    public bool? HasRecording { get; init; }
}

public sealed record ZoomReportMeetingPage(string? From, string? To, int? PageSize, int? TotalRecords, string? NextPageToken,
    IReadOnlyList<ZoomReportMeeting>? Meetings);

/// <summary>Zoom reports (HEAVY label).</summary>
public sealed class ZoomReportsResource
{
    private readonly ZoomApiTransport _transport;

    internal ZoomReportsResource(ZoomApiTransport transport) => _transport = transport;

    /// <summary>
    /// One page of GET /report/users/{userId}/meetings for a window of at most one month (Zoom refuses longer ones with 300),
    /// continuing at <paramref name="nextPageToken"/> (valid 15 minutes; keep the page size constant).
    /// </summary>
    public Task<ZoomReportMeetingPage> ListUserMeetingsPageAsync(string userId, DateOnly from, DateOnly to, int? pageSize = null,
        string? nextPageToken = null, CancellationToken ct = default) =>
        _transport.SendAsync<ZoomReportMeetingPage>(
            new ZoomRequest(HttpMethod.Get, "report/users/" + ZoomRequest.Segment(userId) + "/meetings", ZoomRateLimitLabel.Heavy)
                .With("from", from).With("to", to).With("page_size", pageSize ?? _transport.Options.PageSize).With("next_page_token", nextPageToken), ct);

    /// <summary>GET /report/users/{userId}/meetings for [from, to]; ranges longer than a month are split into ≤1-month windows.</summary>
    public async IAsyncEnumerable<ZoomReportMeeting> ListUserMeetingsAsync(string userId, DateOnly from, DateOnly to, int? pageSize = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var (start, end) in MonthWindows.Split(from, to))
        {
            var pages = _transport.PagesAsync<ZoomReportMeetingPage, ZoomReportMeeting>(
                () => new ZoomRequest(HttpMethod.Get, "report/users/" + ZoomRequest.Segment(userId) + "/meetings", ZoomRateLimitLabel.Heavy)
                    .With("from", start).With("to", end),
                page => page.Meetings, page => page.NextPageToken, pageSize, ct);
            await foreach (var meeting in pages.ConfigureAwait(false)) yield return meeting;
        }
    }
}
