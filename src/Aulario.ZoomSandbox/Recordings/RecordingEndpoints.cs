using System.Globalization;
using Aulario.ZoomSandbox.Api;
using Aulario.ZoomSandbox.Auth;
using Aulario.ZoomSandbox.RateLimiting;
using Aulario.ZoomSandbox.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Recordings;

/// <summary>GET /v2/users/{userId}/recordings (from/to at most one month) and the download of a recording file, which needs the Bearer token.</summary>
internal static class RecordingEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/v2/users/{userId}/recordings", (string userId, HttpRequest request, SandboxState state, SandboxContext context, ZoomSandboxOptions options, TimeProvider time) =>
        {
            var user = state.Find(userId);
            if (user is null) return ZoomResults.UserNotFound(userId);
            if (ReportEndpoints.Range(request) is not ({ } from, { } to)) return ZoomResults.Validation(("from", "Invalid field."), ("to", "Invalid field."));
            if (to < from || to.DayNumber - from.DayNumber > 31) return ZoomResults.Error(400, 300, "The date range must be within one month.");
            var all = ReportEndpoints.Of(state, user).Where(m => m.Recordings.Count > 0 && ReportEndpoints.In(m.StartTime, from, to)).ToList();
            if (Paging.Slice(request, state, time, $"recordings:{user.Id}:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}", all) is not { } slice) return Paging.InvalidToken(request);
            var meetings = slice.Page.Select(m => new
            {
                uuid = m.Uuid, id = m.Id, account_id = options.AccountId, host_id = user.Id, topic = m.Topic, type = 8, start_time = ZoomResults.Iso(m.StartTime),
                duration = m.DurationMinutes, total_size = m.Recordings.Sum(r => r.Size), recording_count = m.Recordings.Count,
                share_url = new Uri(context.BaseUrl, $"rec/share/{m.Uuid}").ToString(),
                recording_files = m.Recordings.Select(r => new
                {
                    id = r.Id, meeting_id = m.Uuid, recording_start = ZoomResults.Iso(r.Start), recording_end = ZoomResults.Iso(r.End), file_type = r.FileType,
                    file_extension = r.Extension, file_size = r.Size, play_url = new Uri(context.BaseUrl, $"rec/play/{r.Id}").ToString(),
                    download_url = new Uri(context.BaseUrl, $"rec/download/{r.Id}").ToString(), status = "completed", recording_type = "shared_screen_with_speaker_view",
                }),
            }).ToList();
            return ZoomResults.Ok(new { from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                page_count = slice.PageCount, page_size = slice.PageSize, total_records = all.Count, next_page_token = slice.Next, meetings });
        }).WithMetadata(ZoomLabel.Medium);

        // Download needs the Bearer token (Zoom stopped accepting access_token in the query in 2023, zoom-api.md §4).
        // Like Zoom's file servers it honours a byte Range (206 + Content-Range; 416 outside the file) so players can seek.
        app.MapGet("/rec/download/{fileId}", (string fileId, HttpRequest request, SandboxState state, TimeProvider time) =>
        {
            if (!BearerTokens.IsValid(request, state, time)) return ZoomResults.Error(401, 124, "Invalid access token.");
            SandboxRecordingFile? file;
            lock (state.Meetings) file = state.Meetings.SelectMany(m => m.Recordings).FirstOrDefault(r => r.Id == fileId);
            if (file is null) return ZoomResults.Error(404, 3301, "There is no recording for this session.");
            var type = file.Extension.ToUpperInvariant() switch { "MP4" => "video/mp4", "M4A" => "audio/mp4", _ => "application/octet-stream" };
            return Results.File(RecordingBytes.Of(file), type, $"{fileId}.{file.Extension.ToLowerInvariant()}", enableRangeProcessing: true);
        });
    }
}
