using System.Globalization;
using Aulario.Core.Meetings;
using Aulario.Web.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Aulario.Web.Features.SelfService;

/// <summary>
/// GET /mi-cuenta/grabaciones/archivo/{fileId}?mes=AAAA-MM[&amp;descargar=1]: one of the account's recording files, streamed
/// through Aulario from Zoom (Aulario adds the Bearer token server-side; the browser only ever sees this URL). The browser's Range
/// header is passed on, so players can seek (206 Partial Content). "descargar=1" answers as an attachment and is audited.
/// </summary>
public static class RecordingStreamEndpoints
{
    public const string Route = "/mi-cuenta/grabaciones/archivo/{fileId}";

    public static string Url(string fileId, int year, int month, bool download) =>
        "/mi-cuenta/grabaciones/archivo/" + Uri.EscapeDataString(fileId) + "?mes=" + RecordingsMonth.KeyOf(year, month) + (download ? "&descargar=1" : "");

    /// <summary>"2026-03" → (2026, 3); anything else → null.</summary>
    public static (int Year, int Month)? ParseMonth(string? text) =>
        DateOnly.TryParseExact((text ?? "").Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? (d.Year, d.Month) : null;

    public static WebApplication MapRecordingStreams(this WebApplication app)
    {
        app.MapGet(Route, async (string fileId, string? mes, string? descargar, HttpContext ctx, CurrentUser user, AccountRecordings recordings,
                TimeProvider time, CancellationToken ct) =>
            {
                if (user.SelfAccountId is not { } accountId) return Results.Forbid();
                if (ParseMonth(mes) is not var (year, month))
                    return ErrorMapping.ToHttpResult([Aulario.Core.Common.Error.Validation("recordings.month-invalid",
                        "Falta el mes de la grabación (mes=AAAA-MM).", "mes")], time);
                var download = descargar is "1" or "true";
                var range = ctx.Request.Headers.Range.ToString() is { Length: > 0 } r ? r : null;
                var opened = await recordings.OpenAsync(accountId, fileId, year, month, range, download, user.Actor, ct);
                if (!opened.IsSuccess)
                {
                    if (opened.Errors[0].Code == Aulario.Core.Conferencing.ProviderErrorCodes.RangeNotSatisfiable)
                        return Results.StatusCode(StatusCodes.Status416RangeNotSatisfiable);
                    return ErrorMapping.ToHttpResult(opened.Errors, time);
                }
                return new StreamResult(opened.Value, download);
            })
            .RequireAuthorization(AuthPolicies.SelfService)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Copies the provider's answer (status, length, range) and nothing else: no provider header reaches the browser.</summary>
    private sealed class StreamResult(OpenedRecording opened, bool download) : IResult
    {
        public async Task ExecuteAsync(HttpContext ctx)
        {
            await using var content = opened.Content;
            var response = ctx.Response;
            response.StatusCode = content.IsPartial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
            // Players need a media type; Zoom may label files application/octet-stream.
            response.ContentType = opened.File.IsVideo ? "video/mp4"
                : opened.File.IsAudio ? "audio/mp4"
                : content.ContentType ?? "application/octet-stream";
            if (content.Length is { } length) response.ContentLength = length;
            if (content.ContentRange is { } contentRange) response.Headers.ContentRange = contentRange;
            response.Headers.AcceptRanges = "bytes";
            response.Headers.CacheControl = "private, no-store";
            var disposition = new ContentDispositionHeaderValue(download ? "attachment" : "inline");
            disposition.SetHttpFileName(opened.FileName);
            response.Headers.ContentDisposition = disposition.ToString();
            try
            {
                await content.Content.CopyToAsync(response.Body, ctx.RequestAborted);
            }
            catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
            {
                // The player moved on (seeking cancels the previous range): nothing to report.
            }
        }
    }
}
