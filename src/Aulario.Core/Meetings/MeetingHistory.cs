using Aulario.Core.Common;
using Aulario.Core.Conferencing;

namespace Aulario.Core.Meetings;

/// <summary>A page of the account's past meetings. <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record HistoryPage(SelfServiceAccount Account, DateOnly From, DateOnly To, IReadOnlyList<ProviderPastMeeting> Meetings, string? NextCursor);

/// <summary>One past meeting of the account and a page of its participants.</summary>
public sealed record ParticipantsPage(SelfServiceAccount Account, ProviderPastMeeting Meeting, IReadOnlyList<ProviderParticipant> Participants, string? NextCursor);

/// <summary>
/// "Historial de reuniones" (self-service): the account's ended meetings over a date range, paged the provider's way
/// (Zoom: report of the last six months, one-month windows, next_page_token), and the participants of one of them.
/// Only the account's own meetings: a meeting hosted by someone else is reported as not found.
/// </summary>
public sealed class MeetingHistory(IAularioDb db, IConferencingProvider provider, TimeProvider time)
{
    public const int PageSize = 30;
    public const int ParticipantsPageSize = 100;
    /// <summary>Zoom's meeting report only reaches six months back (zoom-api.md §4).</summary>
    public const int MaxMonthsBack = 6;
    public const int DefaultDays = 30;

    /// <summary>The default range: the last 30 days, today included, in the account's time zone.</summary>
    public static (DateOnly From, DateOnly To) DefaultRange(DateOnly today) => (today.AddDays(-(DefaultDays - 1)), today);

    public async Task<Result<HistoryPage>> ListAsync(Guid accountId, DateOnly? from, DateOnly? to, string? cursor, CancellationToken ct = default)
    {
        var loaded = await SelfServiceAccount.LoadAsync(db, accountId, ct);
        if (!loaded.IsSuccess) return Result<HistoryPage>.Fail(loaded.Errors);
        var account = loaded.Value;
        var today = account.Today(time);
        var (defaultFrom, defaultTo) = DefaultRange(today);
        var start = from ?? (to is { } t ? t.AddDays(-(DefaultDays - 1)) : defaultFrom);
        var end = to ?? defaultTo;
        var errors = Validate(start, end, today);
        if (errors.Count > 0) return Result<HistoryPage>.Fail(errors);
        if (end > today) end = today;

        var page = await provider.ListPastMeetingsAsync(account.ZoomUserId, start, end, PageSize, cursor, ct);
        if (!page.IsSuccess) return Result<HistoryPage>.Fail(page.Errors);
        return new HistoryPage(account, start, end, page.Value.Items, page.Value.NextCursor);
    }

    /// <summary>The errors of a requested range (fields "desde"/"hasta"), none when it is valid.</summary>
    public static IReadOnlyList<Error> Validate(DateOnly from, DateOnly to, DateOnly today)
    {
        var errors = new List<Error>();
        var oldest = today.AddMonths(-MaxMonthsBack);
        if (from > to)
            errors.Add(Error.Validation("history.range-inverted", "La fecha «desde» no puede ser posterior a «hasta».", "desde"));
        if (from < oldest)
            errors.Add(Error.Validation("history.too-old",
                $"Zoom guarda el historial de reuniones de los últimos {MaxMonthsBack} meses: elegí una fecha «desde» a partir del {oldest:dd/MM/yyyy}.", "desde"));
        if (from > today)
            errors.Add(Error.Validation("history.future", "La fecha «desde» no puede ser posterior a hoy.", "desde"));
        return errors;
    }

    public async Task<Result<ParticipantsPage>> ParticipantsAsync(Guid accountId, string? meetingUuid, string? cursor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(meetingUuid) || meetingUuid.Length > 200)
            return Error.Validation("history.meeting-required", "Falta indicar la reunión.", "reunion");
        var loaded = await SelfServiceAccount.LoadAsync(db, accountId, ct);
        if (!loaded.IsSuccess) return Result<ParticipantsPage>.Fail(loaded.Errors);
        var account = loaded.Value;
        var meeting = await provider.GetPastMeetingAsync(meetingUuid, ct);
        if (!meeting.IsSuccess) return Result<ParticipantsPage>.Fail(meeting.Errors);
        // Never trust the browser: the meeting must be one this account hosted.
        if (!string.Equals(meeting.Value.HostId, account.ZoomUserId, StringComparison.Ordinal)) return NotYours();
        var participants = await provider.ListPastParticipantsAsync(meetingUuid, ParticipantsPageSize, cursor, ct);
        if (!participants.IsSuccess) return Result<ParticipantsPage>.Fail(participants.Errors);
        return new ParticipantsPage(account, meeting.Value, participants.Value.Items, participants.Value.NextCursor);
    }

    private static Error NotYours() => Error.NotFound("history.meeting-not-found", "No encontramos esa reunión entre las de tu cuenta.");
}
