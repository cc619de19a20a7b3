namespace Aulario.Zoom.Recordings;

public sealed record ZoomRecordingFile
{
    public string? Id { get; init; }
    public string? MeetingId { get; init; }
    public DateTimeOffset? RecordingStart { get; init; }
    public DateTimeOffset? RecordingEnd { get; init; }
    /// <summary>MP4, M4A, CHAT, TRANSCRIPT, CSV, TB, CC, CHAT_MESSAGE, SUMMARY… (kept as text: Zoom adds types).</summary>
    public string? FileType { get; init; }
    public string? FileExtension { get; init; }
    public long? FileSize { get; init; }
    public string? PlayUrl { get; init; }
    public string? DownloadUrl { get; init; }
    public string? Status { get; init; }
    public string? RecordingType { get; init; }
}

public sealed record ZoomRecordingMeeting
{
    public string? Uuid { get; init; }
    public long Id { get; init; }
    public string? AccountId { get; init; }
    public string? HostId { get; init; }
    public string? Topic { get; init; }
    public int Type { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public int? Duration { get; init; }
    public long? TotalSize { get; init; }
    public int? RecordingCount { get; init; }
    public string? ShareUrl { get; init; }
    public IReadOnlyList<ZoomRecordingFile>? RecordingFiles { get; init; }
}

public sealed record ZoomRecordingPage(string? From, string? To, int? PageSize, int? TotalRecords, string? NextPageToken,
    IReadOnlyList<ZoomRecordingMeeting>? Meetings);

/// <summary>An open recording download. Dispose it to release the connection.</summary>
public sealed class ZoomDownload : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _response;

    internal ZoomDownload(HttpResponseMessage response, Stream content)
    {
        _response = response;
        Content = content;
    }

    public Stream Content { get; }
    /// <summary>200 for the whole file, 206 for the part a Range asked for.</summary>
    public System.Net.HttpStatusCode StatusCode => _response.StatusCode;
    /// <summary>"bytes 0-99/4096" on a 206.</summary>
    public string? ContentRange => _response.Content.Headers.ContentRange?.ToString();
    public bool AcceptsRanges => _response.Headers.AcceptRanges.Contains("bytes");
    public string? ContentType => _response.Content.Headers.ContentType?.ToString();
    public long? ContentLength => _response.Content.Headers.ContentLength;
    public string? FileName => _response.Content.Headers.ContentDisposition?.FileNameStar ?? _response.Content.Headers.ContentDisposition?.FileName?.Trim('"');

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }
}
