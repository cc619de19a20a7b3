using System.Globalization;
using Aulario.ZoomSandbox.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Features;

/// <summary>Meeting history and recordings: a user's meetings, the past-meetings report, participants, cloud recordings and their download.</summary>
internal static class MeetingEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/v2/users/{userId}/meetings", (string userId, HttpRequest request, SandboxState state, SandboxContext context) =>
        {
            var user = state.Find(userId);
            if (user is null) return ZoomResults.UserNotFound(userId);
            var meetings = Of(state, user).Select(m => new
            {
                uuid = m.Uuid, id = m.Id, host_id = user.Id, topic = m.Topic, type = 8, start_time = Json.Iso(m.StartTime), duration = m.DurationMinutes,
                timezone = user.Timezone, created_at = Json.Iso(m.StartTime.AddDays(-7)), join_url = new Uri(context.BaseUrl, $"j/{m.Id}").ToString(),
            }).ToList();
            return ZoomResults.Ok(new { page_size = 300, total_records = meetings.Count, next_page_token = "", meetings });
        }).WithMetadata(ZoomLabel.Medium);

        app.MapGet("/v2/report/users/{userId}/meetings", (string userId, HttpRequest request, SandboxState state, TimeProvider time) =>
        {
            var user = state.Find(userId);
            if (user is null) return ZoomResults.UserNotFound(userId);
            if (Range(request) is not ({ } from, { } to)) return ZoomResults.Validation(("from", "Invalid field."), ("to", "Invalid field."));
            if (to < from || to.DayNumber - from.DayNumber > 31) return ZoomResults.Error(400, 300, "The date range must be within one month.");
            var meetings = Of(state, user).Where(m => In(m.StartTime, from, to)).Select(m => new
            {
                uuid = m.Uuid, id = m.Id, host_id = user.Id, type = 2, topic = m.Topic, user_name = user.DisplayName, user_email = user.Email,
                start_time = Json.Iso(m.StartTime), end_time = Json.Iso(m.StartTime.AddMinutes(m.DurationMinutes)), duration = m.DurationMinutes,
                total_minutes = m.Participants.Sum(p => (int)(p.LeaveTime - p.JoinTime).TotalMinutes), participants_count = m.Participants.Count,
                has_recording = m.Recordings.Count > 0, source = "Zoom",
            }).ToList();
            return ZoomResults.Ok(new { from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                page_size = 300, total_records = meetings.Count, next_page_token = "", meetings });
        }).WithMetadata(ZoomLabel.Heavy);

        app.MapGet("/v2/past_meetings/{meetingId}/participants", (string meetingId, SandboxState state) =>
        {
            SandboxMeeting? meeting;
            lock (state.Meetings) meeting = state.Meetings.FirstOrDefault(m => m.Uuid == meetingId || m.Id.ToString(CultureInfo.InvariantCulture) == meetingId);
            if (meeting is null) return ZoomResults.Error(404, 3001, "Meeting does not exist.");
            var participants = meeting.Participants.Select(p => new
            {
                id = p.Id, user_id = p.Id, name = p.Name, user_email = p.Email, join_time = Json.Iso(p.JoinTime), leave_time = Json.Iso(p.LeaveTime),
                duration = (int)(p.LeaveTime - p.JoinTime).TotalSeconds, status = "in_meeting",
            }).ToList();
            return ZoomResults.Ok(new { page_count = 1, page_size = 300, total_records = participants.Count, next_page_token = "", participants });
        }).WithMetadata(ZoomLabel.Medium);

        app.MapGet("/v2/users/{userId}/recordings", (string userId, HttpRequest request, SandboxState state, SandboxContext context) =>
        {
            var user = state.Find(userId);
            if (user is null) return ZoomResults.UserNotFound(userId);
            if (Range(request) is not ({ } from, { } to)) return ZoomResults.Validation(("from", "Invalid field."), ("to", "Invalid field."));
            if (to < from || to.DayNumber - from.DayNumber > 31) return ZoomResults.Error(400, 300, "The date range must be within one month.");
            var meetings = Of(state, user).Where(m => m.Recordings.Count > 0 && In(m.StartTime, from, to)).Select(m => new
            {
                uuid = m.Uuid, id = m.Id, account_id = "sandbox-account", host_id = user.Id, topic = m.Topic, type = 8, start_time = Json.Iso(m.StartTime),
                duration = m.DurationMinutes, total_size = m.Recordings.Sum(r => r.Size), recording_count = m.Recordings.Count,
                share_url = new Uri(context.BaseUrl, $"rec/share/{m.Uuid}").ToString(),
                recording_files = m.Recordings.Select(r => new
                {
                    id = r.Id, meeting_id = m.Uuid, recording_start = Json.Iso(r.Start), recording_end = Json.Iso(r.End), file_type = r.FileType,
                    file_extension = r.Extension, file_size = r.Size, play_url = new Uri(context.BaseUrl, $"rec/play/{r.Id}").ToString(),
                    download_url = new Uri(context.BaseUrl, $"rec/download/{r.Id}").ToString(), status = "completed", recording_type = "shared_screen_with_speaker_view",
                }),
            }).ToList();
            return ZoomResults.Ok(new { from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                page_count = 1, page_size = 300, total_records = meetings.Count, next_page_token = "", meetings });
        }).WithMetadata(ZoomLabel.Medium);

        // Download needs the Bearer token (Zoom stopped accepting access_token in the query in 2023).
        app.MapGet("/rec/download/{fileId}", (string fileId, HttpRequest request, SandboxState state, TimeProvider time) =>
        {
            var auth = request.Headers.Authorization.ToString();
            var token = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null;
            if (token is null || !state.Tokens.TryGetValue(token, out var exp) || exp <= time.GetUtcNow())
                return ZoomResults.Error(401, 124, "Invalid access token.");
            SandboxRecordingFile? file;
            lock (state.Meetings) file = state.Meetings.SelectMany(m => m.Recordings).FirstOrDefault(r => r.Id == fileId);
            if (file is null) return ZoomResults.Error(404, 3301, "There is no recording for this session.");
            var bytes = new byte[Math.Min(file.Size, 64 * 1024)];
            new Random(fileId.GetHashCode(StringComparison.Ordinal)).NextBytes(bytes);
            var type = file.Extension.ToUpperInvariant() switch { "MP4" => "video/mp4", "M4A" => "audio/mp4", _ => "application/octet-stream" };
            return Results.File(bytes, type, $"{fileId}.{file.Extension.ToLowerInvariant()}");
        });
    }

    private static IEnumerable<SandboxMeeting> Of(SandboxState state, SandboxUser user)
    {
        lock (state.Meetings) return state.Meetings.Where(m => m.HostId == user.Id).OrderByDescending(m => m.StartTime).ToList();
    }

    private static (DateOnly?, DateOnly?) Range(HttpRequest request)
    {
        static DateOnly? Parse(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return (Parse(request.Query["from"].FirstOrDefault()), Parse(request.Query["to"].FirstOrDefault()));
    }

    private static bool In(DateTimeOffset t, DateOnly from, DateOnly to)
    {
        var day = DateOnly.FromDateTime(t.UtcDateTime);
        return day >= from && day <= to;
    }
}
