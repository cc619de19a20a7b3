using System.Globalization;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;

namespace Aulario.Core.Meetings;

/// <summary>The account's cloud recordings of meetings that started in one month.</summary>
public sealed record RecordingsMonth(SelfServiceAccount Account, int Year, int Month, IReadOnlyList<ProviderRecordedMeeting> Meetings)
{
    public string Key => KeyOf(Year, Month);
    public static string KeyOf(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}");
}

/// <summary>A recording file opened for the browser: the file as the account's listing describes it, its content, a download name.</summary>
public sealed record OpenedRecording(ProviderRecordedMeeting Meeting, ProviderRecordingFile File, ProviderRecordingContent Content, string FileName);

/// <summary>
/// "Grabaciones" (self-service): the account's recordings by month, and opening one file for playback or download through Aulario
/// (the provider's token never reaches the browser). A file is looked up in the account's own listing, never taken on the
/// browser's word, so another user's file id is refused. Downloads are audited ("recording.downloaded").
/// </summary>
public sealed class AccountRecordings(IAularioDb db, IConferencingProvider provider, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<RecordingsMonth>> ListAsync(Guid accountId, int? year, int? month, CancellationToken ct = default)
    {
        var loaded = await SelfServiceAccount.LoadAsync(db, accountId, ct);
        if (!loaded.IsSuccess) return Result<RecordingsMonth>.Fail(loaded.Errors);
        var account = loaded.Value;
        var today = account.Today(time);
        var (y, m) = (year ?? today.Year, month ?? today.Month);
        if (ValidateMonth(y, m, today) is { } invalid) return invalid;
        var list = await ListMonthAsync(account, y, m, ct);
        if (!list.IsSuccess) return Result<RecordingsMonth>.Fail(list.Errors);
        return new RecordingsMonth(account, y, m, list.Value);
    }

    /// <summary>
    /// Opens one of the account's recording files. <paramref name="range"/> is the browser's Range header (passed on for seeking).
    /// <paramref name="download"/> marks "Descargar": it is audited once per download (not for each later range of it).
    /// </summary>
    public async Task<Result<OpenedRecording>> OpenAsync(Guid accountId, string? fileId, int year, int month, string? range, bool download, Actor actor,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(fileId) || fileId.Length > 200) return NotYours();
        var loaded = await SelfServiceAccount.LoadAsync(db, accountId, ct);
        if (!loaded.IsSuccess) return Result<OpenedRecording>.Fail(loaded.Errors);
        var account = loaded.Value;
        if (ValidateMonth(year, month, account.Today(time)) is not null) return NotYours();
        var list = await ListMonthAsync(account, year, month, ct);
        if (!list.IsSuccess) return Result<OpenedRecording>.Fail(list.Errors);
        var found = list.Value.SelectMany(m => m.Files.Select(f => (Meeting: m, File: f))).FirstOrDefault(x => string.Equals(x.File.Id, fileId, StringComparison.Ordinal));
        if (found.File is null) return NotYours();

        var content = await provider.OpenRecordingAsync(found.File, range, ct);
        if (!content.IsSuccess) return Result<OpenedRecording>.Fail(content.Errors);
        if (download && IsFromStart(range))
        {
            audit.Record(actor, "recording.downloaded", $"account:{account.Email}", after: new
            {
                fileId = found.File.Id, type = found.File.FileType, size = found.File.Size, meeting = found.Meeting.Topic,
                meetingStart = found.Meeting.StartTime, meetingUuid = found.Meeting.Uuid,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch
            {
                await content.Value.DisposeAsync();
                throw;
            }
        }
        return new OpenedRecording(found.Meeting, found.File, content.Value, FileName(found.Meeting, found.File, account));
    }

    private async Task<Result<IReadOnlyList<ProviderRecordedMeeting>>> ListMonthAsync(SelfServiceAccount account, int year, int month, CancellationToken ct)
    {
        var first = new DateOnly(year, month, 1);
        return await provider.ListRecordingsAsync(account.ZoomUserId, first, first.AddMonths(1).AddDays(-1), ct);
    }

    private static Error? ValidateMonth(int year, int month, DateOnly today)
    {
        if (year is < 2000 or > 9998 || month is < 1 or > 12)
            return Error.Validation("recordings.month-invalid", "El mes no es válido: usá el formato AAAA-MM (por ejemplo 2026-03).", "mes");
        if (new DateOnly(year, month, 1) > today)
            return Error.Validation("recordings.month-future", "Ese mes todavía no llegó: elegí el mes actual o uno anterior.", "mes");
        return null;
    }

    private static bool IsFromStart(string? range) =>
        range is null || range.Replace(" ", "", StringComparison.Ordinal).StartsWith("bytes=0-", StringComparison.OrdinalIgnoreCase);

    /// <summary>"2026-03-02 1300 Clase de Álgebra.mp4": when it started (account's time), the topic, the extension; safe as a file name.</summary>
    private static string FileName(ProviderRecordedMeeting meeting, ProviderRecordingFile file, SelfServiceAccount account)
    {
        var start = account.Local(file.Start ?? meeting.StartTime);
        var topic = new string(meeting.Topic.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' ? c : '_').ToArray()).Trim();
        if (topic.Length > 60) topic = topic[..60].Trim();
        var extension = (file.Extension ?? file.FileType).ToLowerInvariant();
        if (extension.Length is 0 or > 10 || !extension.All(char.IsLetterOrDigit)) extension = "bin";
        var name = start.ToString("yyyy-MM-dd HHmm", CultureInfo.InvariantCulture) + (topic.Length > 0 ? " " + topic : "");
        return name + "." + extension;
    }

    private static Error NotYours() => Error.NotFound("recordings.not-found", "No encontramos esa grabación entre las de tu cuenta en ese mes.");
}
