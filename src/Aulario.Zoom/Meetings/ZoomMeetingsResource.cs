using Aulario.Zoom.Http;

namespace Aulario.Zoom.Meetings;

/// <summary>Meetings of a user and participants of past meetings.</summary>
public sealed class ZoomMeetingsResource
{
    private readonly ZoomApiTransport _transport;

    internal ZoomMeetingsResource(ZoomApiTransport transport) => _transport = transport;

    /// <summary>GET /users/{userId}/meetings (scheduled, unexpired meetings by default), every page.</summary>
    public IAsyncEnumerable<ZoomMeetingSummary> ListAsync(string userId, ZoomMeetingListType type = ZoomMeetingListType.Scheduled,
        int? pageSize = null, CancellationToken ct = default) =>
        _transport.PagesAsync<ZoomMeetingPage, ZoomMeetingSummary>(
            () => new ZoomRequest(HttpMethod.Get, "users/" + ZoomRequest.Segment(userId) + "/meetings", ZoomRateLimitLabel.Medium)
                .With("type", TypeName(type)),
            page => page.Meetings, page => page.NextPageToken, pageSize, ct);

    /// <summary>GET /past_meetings/{meetingId}/participants (meeting id or UUID; UUIDs are double-encoded when Zoom requires it), every page.</summary>
    public IAsyncEnumerable<ZoomParticipant> ListPastParticipantsAsync(string meetingIdOrUuid, int? pageSize = null, CancellationToken ct = default) =>
        _transport.PagesAsync<ZoomParticipantPage, ZoomParticipant>(
            () => new ZoomRequest(HttpMethod.Get, "past_meetings/" + ZoomRequest.MeetingSegment(meetingIdOrUuid) + "/participants", ZoomRateLimitLabel.Medium),
            page => page.Participants, page => page.NextPageToken, pageSize, ct);

    /// <summary>GET /past_meetings/{meetingId} (LIGHT): who hosted an ended meeting, when, how long. 404/3001 when Zoom does not know it.</summary>
    public Task<ZoomPastMeeting> GetPastAsync(string meetingIdOrUuid, CancellationToken ct = default) =>
        _transport.SendAsync<ZoomPastMeeting>(
            new ZoomRequest(HttpMethod.Get, "past_meetings/" + ZoomRequest.MeetingSegment(meetingIdOrUuid), ZoomRateLimitLabel.Light), ct);

    /// <summary>One page of GET /past_meetings/{meetingId}/participants, continuing at <paramref name="nextPageToken"/>.</summary>
    public Task<ZoomParticipantPage> ListPastParticipantsPageAsync(string meetingIdOrUuid, int? pageSize = null, string? nextPageToken = null,
        CancellationToken ct = default) =>
        _transport.SendAsync<ZoomParticipantPage>(
            new ZoomRequest(HttpMethod.Get, "past_meetings/" + ZoomRequest.MeetingSegment(meetingIdOrUuid) + "/participants", ZoomRateLimitLabel.Medium)
                .With("page_size", pageSize ?? _transport.Options.PageSize).With("next_page_token", nextPageToken), ct);

    private static string TypeName(ZoomMeetingListType type) => type switch
    {
        ZoomMeetingListType.Scheduled => "scheduled",
        ZoomMeetingListType.Live => "live",
        ZoomMeetingListType.Upcoming => "upcoming",
        ZoomMeetingListType.UpcomingMeetings => "upcoming_meetings",
        ZoomMeetingListType.PreviousMeetings => "previous_meetings",
    };
}
