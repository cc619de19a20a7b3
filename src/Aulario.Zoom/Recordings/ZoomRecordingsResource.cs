using System.Runtime.CompilerServices;
using Aulario.Zoom.Auth;
using Aulario.Zoom.Http;

namespace Aulario.Zoom.Recordings;

/// <summary>Cloud recordings of a user and their downloads.</summary>
public sealed class ZoomRecordingsResource
{
    private readonly ZoomApiTransport _transport;
    private readonly ZoomTrustedHosts _trusted;

    internal ZoomRecordingsResource(ZoomApiTransport transport, ZoomTrustedHosts trusted)
    {
        _transport = transport;
        _trusted = trusted;
    }

    /// <summary>GET /users/{userId}/recordings for [from, to] (UTC dates); longer ranges are split into ≤1-month windows.</summary>
    /// <summary>One page of GET /users/{userId}/recordings for a window of at most one month (Zoom refuses longer ones with 300).</summary>
    public Task<ZoomRecordingPage> ListPageAsync(string userId, DateOnly from, DateOnly to, int? pageSize = null, string? nextPageToken = null,
        CancellationToken ct = default) =>
        _transport.SendAsync<ZoomRecordingPage>(
            new ZoomRequest(HttpMethod.Get, "users/" + ZoomRequest.Segment(userId) + "/recordings", ZoomRateLimitLabel.Medium)
                .With("from", from).With("to", to).With("page_size", pageSize ?? _transport.Options.PageSize).With("next_page_token", nextPageToken), ct);

    public async IAsyncEnumerable<ZoomRecordingMeeting> ListAsync(string userId, DateOnly from, DateOnly to, int? pageSize = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var (start, end) in MonthWindows.Split(from, to))
        {
            var pages = _transport.PagesAsync<ZoomRecordingPage, ZoomRecordingMeeting>(
                () => new ZoomRequest(HttpMethod.Get, "users/" + ZoomRequest.Segment(userId) + "/recordings", ZoomRateLimitLabel.Medium)
                    .With("from", start).With("to", end),
                page => page.Meetings, page => page.NextPageToken, pageSize, ct);
            await foreach (var meeting in pages.ConfigureAwait(false)) yield return meeting;
        }
    }

    /// <summary>
    /// Opens a recording file's download_url as a stream, sending the Bearer token (also after redirects to trusted hosts).
    /// The token stays on the server: proxy the stream, never hand the URL plus token to a browser.
    /// A byte <paramref name="range"/> ("bytes=100-") is passed on, so players can seek; Zoom answers 206 with Content-Range.
    /// </summary>
    public async Task<ZoomDownload> DownloadAsync(string downloadUrl, CancellationToken ct = default) => await DownloadAsync(downloadUrl, null, ct).ConfigureAwait(false);

    /// <inheritdoc cref="DownloadAsync(string, CancellationToken)"/>
    public async Task<ZoomDownload> DownloadAsync(string downloadUrl, string? range, CancellationToken ct = default)
    {
        if (!Uri.TryCreate(downloadUrl, UriKind.Absolute, out var uri) || !_trusted.MayReceiveToken(uri))
            throw new ArgumentException("The download URL must be an absolute URL on a Zoom host.", nameof(downloadUrl));
        var response = await _transport.GetStreamingAsync(new ZoomRequest(HttpMethod.Get, uri.AbsoluteUri, ZoomRateLimitLabel.Light) { Range = range }, ct)
            .ConfigureAwait(false);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            return new ZoomDownload(response, stream);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
