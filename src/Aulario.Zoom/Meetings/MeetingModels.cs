namespace Aulario.Zoom.Meetings;

/// <summary>GET /users/{userId}/meetings <c>type</c>.</summary>
public enum ZoomMeetingListType
{
    Scheduled,
    Live,
    Upcoming,
    UpcomingMeetings,
    PreviousMeetings,
}

public sealed record ZoomMeetingSummary
{
    public string? Uuid { get; init; }
    public long Id { get; init; }
    public string? HostId { get; init; }
    public string? Topic { get; init; }
    public int Type { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public int? Duration { get; init; }
    public string? Timezone { get; init; }
    public string? Agenda { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? JoinUrl { get; init; }
    public long? Pmi { get; init; }
}

public sealed record ZoomMeetingPage(int? PageSize, int? TotalRecords, string? NextPageToken, IReadOnlyList<ZoomMeetingSummary>? Meetings);

public sealed record ZoomParticipant
{
    public string? Id { get; init; }
    public string? UserId { get; init; }
    public string? Name { get; init; }
    public string? UserEmail { get; init; }
    public DateTimeOffset? JoinTime { get; init; }
    public DateTimeOffset? LeaveTime { get; init; }
    /// <summary>Seconds.</summary>
    public int? Duration { get; init; }
    public string? Status { get; init; }
    public string? RegistrantId { get; init; }
}

public sealed record ZoomParticipantPage(int? PageSize, int? TotalRecords, string? NextPageToken, IReadOnlyList<ZoomParticipant>? Participants);

/// <summary>GET /past_meetings/{meetingId}: one ended meeting instance.</summary>
public sealed record ZoomPastMeeting
{
    public string? Uuid { get; init; }
    public long Id { get; init; }
    public string? HostId { get; init; }
    public string? Topic { get; init; }
    public int Type { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public int? Duration { get; init; }
    public int? TotalMinutes { get; init; }
    public int? ParticipantsCount { get; init; }
    public string? UserName { get; init; }
    public string? UserEmail { get; init; }
}
