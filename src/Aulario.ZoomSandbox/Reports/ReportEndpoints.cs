using System.Globalization;
using Aulario.ZoomSandbox.Api;
using Aulario.ZoomSandbox.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Reports;

/// <summary>Meeting history: a user's meetings, the past-meetings report (from/to required, at most one month) and past participants.</summary>
internal static class ReportEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/v2/users/{userId}/meetings", (string userId, HttpRequest request, SandboxState state, SandboxContext context) =>
        {
            var user = state.Find(userId);
            if (user is null) return ZoomResults.UserNotFound(userId);
            var meetings = Of(state, user).Select(m => new
            {
                uuid = m.Uuid, id = m.Id, host_id = user.Id, topic = m.Topic, type = 8, start_time = ZoomResults.Iso(m.StartTime), duration = m.DurationMinutes,
                timezone = user.Timezone, created_at = ZoomResults.Iso(m.StartTime.AddDays(-7)), join_url = new Uri(context.BaseUrl, $"j/{m.Id}").ToString(),
            }).ToList();
            return ZoomResults.Ok(new { page_size = 300, total_records = meetings.Count, next_page_token = "", meetings });
        }).WithMetadata(ZoomLabel.Medium);

        app.MapGet("/v2/report/users/{userId}/meetings", (string userId, HttpRequest request, SandboxState state, TimeProvider time) =>
        {
            var user = state.Find(userId);
            if (user is null) return ZoomResults.UserNotFound(userId);
            if (Range(request) is not ({ } from, { } to)) return ZoomResults.Validation(("from", "Invalid field."), ("to", "Invalid field."));
            if (to < from || to.DayNumber - from.DayNumber > 31) return ZoomResults.Error(400, 300, "The date range must be within one month.");
            var listing = $"report:{user.Id}:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}";
            // The report lists meetings with at least two participants only (zoom-api.md §4).
            var all = Of(state, user).Where(m => In(m.StartTime, from, to) && m.Participants.Count >= 2).ToList();
            if (Paging.Slice(request, state, time, listing, all) is not { } slice) return Paging.InvalidToken(request);
            var meetings = slice.Page.Select(m => new
            {
                uuid = m.Uuid, id = m.Id, host_id = user.Id, type = 2, topic = m.Topic, user_name = user.DisplayName, user_email = user.Email,
                start_time = ZoomResults.Iso(m.StartTime), end_time = ZoomResults.Iso(m.StartTime.AddMinutes(m.DurationMinutes)), duration = m.DurationMinutes,
                total_minutes = m.Participants.Sum(p => (int)(p.LeaveTime - p.JoinTime).TotalMinutes), participants_count = m.Participants.Count,
                has_recording = m.Recordings.Count > 0, source = "Zoom",
            }).ToList();
            return ZoomResults.Ok(new { from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                page_size = slice.PageSize, total_records = all.Count, next_page_token = slice.Next, meetings });
        }).WithMetadata(ZoomLabel.Heavy);

        app.MapGet("/v2/past_meetings/{meetingId}", (string meetingId, SandboxState state) =>
        {
            if (FindMeeting(state, meetingId) is not { } m) return ZoomResults.Error(404, 3001, "Meeting does not exist.");
            var host = state.Find(m.HostId);
            return ZoomResults.Ok(new
            {
                id = m.Id, uuid = m.Uuid, host_id = m.HostId, type = 2, topic = m.Topic, user_name = host?.DisplayName, user_email = host?.Email,
                start_time = ZoomResults.Iso(m.StartTime), end_time = ZoomResults.Iso(m.StartTime.AddMinutes(m.DurationMinutes)), duration = m.DurationMinutes,
                total_minutes = m.Participants.Sum(p => (int)(p.LeaveTime - p.JoinTime).TotalMinutes), participants_count = m.Participants.Count, source = "Zoom",
            });
        }).WithMetadata(ZoomLabel.Light);

        app.MapGet("/v2/past_meetings/{meetingId}/participants", (string meetingId, HttpRequest request, SandboxState state, TimeProvider time) =>
        {
            if (FindMeeting(state, meetingId) is not { } meeting) return ZoomResults.Error(404, 3001, "Meeting does not exist.");
            if (Paging.Slice(request, state, time, "participants:" + meeting.Uuid, meeting.Participants.ToList()) is not { } slice) return Paging.InvalidToken(request);
            var participants = slice.Page.Select(p => new
            {
                id = p.Id, user_id = p.Id, name = p.Name, user_email = p.Email, join_time = ZoomResults.Iso(p.JoinTime), leave_time = ZoomResults.Iso(p.LeaveTime),
                duration = (int)(p.LeaveTime - p.JoinTime).TotalSeconds, status = "in_meeting",
            }).ToList();
            return ZoomResults.Ok(new { page_count = slice.PageCount, page_size = slice.PageSize, total_records = meeting.Participants.Count, next_page_token = slice.Next, participants });
        }).WithMetadata(ZoomLabel.Medium);
    }

    /// <summary>A past meeting by id or UUID. A UUID may arrive URL-encoded once or twice (Zoom asks to double-encode UUIDs with '/').</summary>
    internal static SandboxMeeting? FindMeeting(SandboxState state, string meetingId)
    {
        var candidates = new HashSet<string>(StringComparer.Ordinal) { meetingId };
        var decoded = meetingId;
        for (var i = 0; i < 2; i++) candidates.Add(decoded = Uri.UnescapeDataString(decoded));
        lock (state.Meetings)
            return state.Meetings.Where(m => candidates.Contains(m.Uuid) || candidates.Contains(m.Id.ToString(CultureInfo.InvariantCulture)))
                .OrderByDescending(m => m.StartTime).FirstOrDefault(); // an id means the latest instance
    }

    internal static IEnumerable<SandboxMeeting> Of(SandboxState state, SandboxUser user)
    {
        lock (state.Meetings) return state.Meetings.Where(m => m.HostId == user.Id).OrderByDescending(m => m.StartTime).ToList();
    }

    internal static (DateOnly?, DateOnly?) Range(HttpRequest request)
    {
        static DateOnly? Parse(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return (Parse(request.Query["from"].FirstOrDefault()), Parse(request.Query["to"].FirstOrDefault()));
    }

    internal static bool In(DateTimeOffset t, DateOnly from, DateOnly to)
    {
        var day = DateOnly.FromDateTime(t.UtcDateTime);
        return day >= from && day <= to;
    }
}
