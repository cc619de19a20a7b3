using System.Runtime.CompilerServices;
using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using System.Globalization;
using Aulario.Zoom.Assistants;
using Aulario.Zoom.Http;
using Aulario.Zoom.Meetings;
using Aulario.Zoom.Recordings;
using Aulario.Zoom.Reports;
using Aulario.Zoom.Settings;
using Aulario.Zoom.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aulario.Zoom.Conferencing;

/// <summary>The Core conferencing port over <see cref="ZoomClient"/>: Zoom errors become <see cref="Error"/> values by code.</summary>
internal sealed class ZoomConferencingProvider : IConferencingProvider
{
    private readonly ZoomClient _zoom;
    private readonly ZoomOptions _options;
    private readonly ILogger<ZoomConferencingProvider> _logger;

    public ZoomConferencingProvider(ZoomClient zoom, IOptions<ZoomOptions> options, ILogger<ZoomConferencingProvider> logger)
    {
        _zoom = zoom;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<Result<ProviderUser>> CreateUserAsync(NewProviderUser user, CancellationToken ct = default)
    {
        if (user.Mode == CreateMode.AutoCreate && _options.ManagedDomains.Count > 0 && !IsManaged(user.Email))
            return Error.Validation(ProviderErrorCodes.DomainNotManaged,
                $"El dominio del correo {user.Email} no es un dominio administrado de la cuenta de Zoom ({string.Join(", ", _options.ManagedDomains)}); " +
                "usá el alta por invitación.", "email");
        var request = new ZoomCreateUserRequest(
            user.Mode switch
            {
                CreateMode.Create => ZoomCreateAction.Create,
                CreateMode.AutoCreate => ZoomCreateAction.AutoCreate,
                CreateMode.SsoCreate => ZoomCreateAction.SsoCreate,
            },
            new ZoomNewUserInfo
            {
                Email = user.Email,
                Type = ToZoom(user.LicenseType),
                FirstName = user.FirstName,
                LastName = user.LastName,
                Password = user.Mode == CreateMode.AutoCreate ? user.Password : null,
            });
        try
        {
            var created = await _zoom.Users.CreateAsync(request, ct).ConfigureAwait(false);
            var status = user.Mode == CreateMode.Create ? ProviderUserStatus.Pending : ProviderUserStatus.Active;
            var full = await _zoom.Users.FindAsync(created.Id, ct).ConfigureAwait(false);
            return full is null
                ? new ProviderUser(created.Id, created.Email, created.FirstName ?? user.FirstName, created.LastName ?? user.LastName,
                    FromZoom(created.Type), status)
                : ToProvider(full);
        }
        catch (ZoomApiException ex) when (ex.Error.Kind is ZoomErrorKind.Unavailable or ZoomErrorKind.Timeout)
        {
            // POST /users is not retried: Zoom may have created the user before failing. Look before reporting failure.
            _logger.LogWarning("Zoom create user failed with {Kind}; checking whether the user exists.", ex.Error.Kind);
            try
            {
                var existing = await _zoom.Users.FindAsync(user.Email, ct).ConfigureAwait(false);
                if (existing is not null) return ToProvider(existing);
            }
            catch (ZoomApiException check)
            {
                _logger.LogWarning("Checking the user after a failed create also failed: {Kind}.", check.Error.Kind);
            }
            return ZoomErrorMapper.ToError(ex.Error, ZoomOperation.CreateUser, user.Email);
        }
        catch (ZoomApiException ex)
        {
            return Result<ProviderUser>.Fail(ZoomErrorMapper.ToErrors(ex.Error, ZoomOperation.CreateUser, user.Email));
        }
    }

    public Task<Result<ProviderUser>> GetUserAsync(string idOrEmail, CancellationToken ct = default) =>
        Run(ZoomOperation.ReadUser, async () => ToProvider(await _zoom.Users.GetAsync(idOrEmail, ct).ConfigureAwait(false)), idOrEmail);

    public async IAsyncEnumerable<ProviderUser> ListUsersAsync(ProviderUserStatus status, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var zoomStatus = status switch
        {
            ProviderUserStatus.Active => ZoomUserStatus.Active,
            ProviderUserStatus.Inactive => ZoomUserStatus.Inactive,
            ProviderUserStatus.Pending => ZoomUserStatus.Pending,
        };
        await foreach (var user in _zoom.Users.ListAsync(zoomStatus, ct: ct).ConfigureAwait(false))
            yield return ToProvider(user) with { Status = status };
    }

    public Task<Result<Done>> UpdateUserAsync(string userId, ProviderUserUpdate update, CancellationToken ct = default) =>
        Run(update.LicenseType is null ? ZoomOperation.UpdateUser : ZoomOperation.ChangeLicense, async () =>
        {
            await _zoom.Users.UpdateAsync(userId, new ZoomUserUpdate
            {
                FirstName = update.FirstName,
                LastName = update.LastName,
                Type = update.LicenseType is { } type ? ToZoom(type) : null,
                Timezone = update.Timezone,
                Dept = update.Department,
            }, ct).ConfigureAwait(false);
            return new Done();
        });

    public Task<Result<Done>> SetActiveAsync(string userId, bool active, CancellationToken ct = default) =>
        Run(ZoomOperation.SetStatus, async () =>
        {
            if (active) await _zoom.Users.ActivateAsync(userId, ct).ConfigureAwait(false);
            else await _zoom.Users.DeactivateAsync(userId, ct).ConfigureAwait(false);
            return new Done();
        });

    public Task<Result<Done>> SetPasswordAsync(string userId, string password, CancellationToken ct = default) =>
        Run(ZoomOperation.SetPassword, async () =>
        {
            await _zoom.Users.SetPasswordAsync(userId, password, ct).ConfigureAwait(false);
            return new Done();
        });

    public Task<Result<Done>> RemoveUserAsync(string userId, bool deletePermanently, CancellationToken ct = default) =>
        Run(ZoomOperation.RemoveUser, async () =>
        {
            await _zoom.Users.RemoveAsync(userId, deletePermanently ? ZoomRemoveAction.Delete : ZoomRemoveAction.Disassociate, ct: ct).ConfigureAwait(false);
            return new Done();
        });

    public Task<Result<PasscodeSettings>> GetPasscodeSettingsAsync(string userId, CancellationToken ct = default) =>
        Run(ZoomOperation.Settings, async () =>
        {
            var settings = await _zoom.Settings.GetAsync(userId, ct).ConfigureAwait(false);
            var schedule = settings.ScheduleMeeting ?? new ZoomScheduleMeetingSettings();
            var req = schedule.MeetingPasswordRequirement ?? new ZoomPasswordRequirement();
            return new PasscodeSettings(
                schedule.PmiPassword,
                schedule.EmbedPasswordInJoinLink ?? false,
                new PasscodeRequirement(
                    req.Length ?? 0, req.HaveLetter ?? false, req.HaveNumber ?? false, req.HaveSpecialCharacter ?? false,
                    req.HaveUpperAndLowerCharacters ?? false, req.OnlyAllowNumeric ?? false, req.ConsecutiveCharactersLength ?? 0));
        });

    public Task<Result<Done>> SetPmiPasscodeAsync(string userId, string passcode, CancellationToken ct = default) =>
        Run(ZoomOperation.SetPasscode, async () =>
        {
            await _zoom.Settings.SetPmiPasswordAsync(userId, passcode, ct).ConfigureAwait(false);
            return new Done();
        });

    public Task<Result<IReadOnlyList<ProviderAssistant>>> ListAssistantsAsync(string userId, CancellationToken ct = default) =>
        Run(ZoomOperation.Assistants, async () =>
        {
            var list = await _zoom.Assistants.ListAsync(userId, ct).ConfigureAwait(false);
            return (IReadOnlyList<ProviderAssistant>)list.Select(a => new ProviderAssistant(a.Id ?? "", a.Email ?? "")).ToList();
        });

    public Task<Result<Done>> AddAssistantsAsync(string userId, IReadOnlyList<string> assistantEmails, CancellationToken ct = default) =>
        Run(ZoomOperation.Assistants, async () =>
        {
            await _zoom.Assistants.AddAsync(userId, assistantEmails.Select(e => new ZoomAssistant(null, e)).ToList(), ct).ConfigureAwait(false);
            return new Done();
        });

    public Task<Result<Done>> RemoveAssistantAsync(string userId, string assistantId, CancellationToken ct = default) =>
        Run(ZoomOperation.Assistants, async () =>
        {
            await _zoom.Assistants.RemoveAsync(userId, assistantId, ct).ConfigureAwait(false);
            return new Done();
        });

    public Task<Result<ProviderPage<ProviderPastMeeting>>> ListPastMeetingsAsync(string userId, DateOnly from, DateOnly to, int pageSize,
        string? cursor, CancellationToken ct = default)
    {
        if (to < from) return Task.FromResult<Result<ProviderPage<ProviderPastMeeting>>>(InvalidRange());
        // Newest window first; the cursor is "{window}.{Zoom next_page_token}" (an empty token starts the window).
        var windows = MonthWindows.Split(from, to).Reverse().ToList();
        var window = 0;
        string? token = null;
        if (cursor is { Length: > 0 })
        {
            var dot = cursor.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !int.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out window) || window >= windows.Count)
                return Task.FromResult<Result<ProviderPage<ProviderPastMeeting>>>(Error.Validation(ProviderErrorCodes.PageExpired,
                    "La página pedida no es válida para este período. Volvé a la primera página."));
            token = dot + 1 < cursor.Length ? cursor[(dot + 1)..] : null;
        }
        return Run(ZoomOperation.History, async () =>
        {
            var items = new List<ProviderPastMeeting>();
            while (window < windows.Count)
            {
                var (start, end) = windows[window];
                var page = await _zoom.Reports.ListUserMeetingsPageAsync(userId, start, end, pageSize, token, ct).ConfigureAwait(false);
                items.AddRange((page.Meetings ?? []).Select(m => ToProvider(m)));
                token = page.NextPageToken is { Length: > 0 } next ? next : null;
                if (token is null) window++;
                if (items.Count > 0) break; // an empty window moves on to the next without showing an empty page
            }
            var nextCursor = window < windows.Count ? window.ToString(CultureInfo.InvariantCulture) + "." + token : null;
            return new ProviderPage<ProviderPastMeeting>(items.OrderByDescending(m => m.StartTime).ToList(), nextCursor);
        });
    }

    public Task<Result<ProviderPastMeeting>> GetPastMeetingAsync(string meetingUuid, CancellationToken ct = default) =>
        Run(ZoomOperation.History, async () =>
        {
            var m = await _zoom.Meetings.GetPastAsync(meetingUuid, ct).ConfigureAwait(false);
            return new ProviderPastMeeting(m.Uuid ?? meetingUuid, m.Id, m.HostId, m.Topic ?? "", m.StartTime ?? DateTimeOffset.MinValue, m.EndTime,
                m.Duration ?? 0, m.ParticipantsCount ?? 0, false);
        });

    public Task<Result<ProviderPage<ProviderParticipant>>> ListPastParticipantsAsync(string meetingUuid, int pageSize, string? cursor,
        CancellationToken ct = default) =>
        Run(ZoomOperation.History, async () =>
        {
            var page = await _zoom.Meetings.ListPastParticipantsPageAsync(meetingUuid, pageSize, cursor is { Length: > 0 } ? cursor : null, ct).ConfigureAwait(false);
            var items = (page.Participants ?? []).Select(p => new ProviderParticipant(
                p.Name ?? p.UserEmail ?? "", string.IsNullOrWhiteSpace(p.UserEmail) ? null : p.UserEmail, p.JoinTime, p.LeaveTime, p.Duration ?? 0)).ToList();
            return new ProviderPage<ProviderParticipant>(items, page.NextPageToken is { Length: > 0 } next ? next : null);
        });

    public Task<Result<IReadOnlyList<ProviderRecordedMeeting>>> ListRecordingsAsync(string userId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        if (to < from) return Task.FromResult<Result<IReadOnlyList<ProviderRecordedMeeting>>>(InvalidRange());
        return Run(ZoomOperation.Recordings, async () =>
        {
            var meetings = new List<ProviderRecordedMeeting>();
            await foreach (var m in _zoom.Recordings.ListAsync(userId, from, to, ct: ct).ConfigureAwait(false))
            {
                var files = (m.RecordingFiles ?? [])
                    .Where(f => f.Id is { Length: > 0 } && f.DownloadUrl is { Length: > 0 })
                    .Select(f => new ProviderRecordingFile(f.Id!, f.FileType ?? "", f.FileExtension, f.FileSize ?? 0, f.RecordingStart, f.RecordingEnd,
                        f.Status, f.RecordingType, f.DownloadUrl!))
                    .ToList();
                meetings.Add(new ProviderRecordedMeeting(m.Uuid ?? "", m.Id, m.Topic ?? "", m.StartTime ?? DateTimeOffset.MinValue, m.Duration ?? 0,
                    m.TotalSize ?? files.Sum(f => f.Size), files));
            }
            return (IReadOnlyList<ProviderRecordedMeeting>)meetings.OrderByDescending(m => m.StartTime).ToList();
        });
    }

    public async Task<Result<ProviderRecordingContent>> OpenRecordingAsync(ProviderRecordingFile file, string? range, CancellationToken ct = default)
    {
        try
        {
            return await Run(ZoomOperation.Recordings, async () =>
            {
                var download = await _zoom.Recordings.DownloadAsync(file.DownloadLocation, range, ct).ConfigureAwait(false);
                return new ProviderRecordingContent(download.Content, download.ContentType, download.ContentLength,
                    download.StatusCode == System.Net.HttpStatusCode.PartialContent, download.ContentRange, download.AcceptsRanges, download);
            }).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            // The listing pointed outside Zoom's hosts: the token is never sent there.
            _logger.LogWarning("A recording's download_url is not on a trusted Zoom host; the download was refused.");
            return Error.Upstream(ProviderErrorCodes.Other, "Zoom indicó una dirección de descarga que no pertenece a Zoom; la descarga se rechazó por seguridad.");
        }
    }

    private static Error InvalidRange() =>
        Error.Validation(ProviderErrorCodes.InvalidField, "La fecha «hasta» no puede ser anterior a «desde».", "to");

    private static ProviderPastMeeting ToProvider(ZoomReportMeeting m) => new(
        m.Uuid ?? "", m.Id, null, m.Topic ?? "", m.StartTime ?? DateTimeOffset.MinValue, m.EndTime, m.Duration ?? 0, m.ParticipantsCount ?? 0,
        m.HasRecording ?? false);

    private static async Task<Result<T>> Run<T>(ZoomOperation operation, Func<Task<T>> call, string? email = null)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ZoomApiException ex)
        {
            return Result<T>.Fail(ZoomErrorMapper.ToErrors(ex.Error, operation, email is not null && email.Contains('@', StringComparison.Ordinal) ? email : null));
        }
    }

    private bool IsManaged(string email)
    {
        var at = email.LastIndexOf('@');
        var domain = at >= 0 ? email[(at + 1)..] : "";
        return _options.ManagedDomains.Any(d => string.Equals(d.Trim().TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase));
    }

    private static ProviderUser ToProvider(ZoomUser user) => new(
        user.Id,
        user.Email,
        user.FirstName ?? "",
        user.LastName ?? "",
        FromZoom(user.Type),
        user.Status switch
        {
            ZoomUserStatus.Inactive => ProviderUserStatus.Inactive,
            ZoomUserStatus.Pending => ProviderUserStatus.Pending,
            ZoomUserStatus.Active or ZoomUserStatus.Unknown => ProviderUserStatus.Active,
        },
        user.Pmi,
        user.PersonalMeetingUrl,
        user.Timezone,
        user.Dept,
        user.LastLoginTime,
        user.CreatedAt);

    private static LicenseType FromZoom(ZoomUserType type) => type == ZoomUserType.Licensed ? LicenseType.Licensed : LicenseType.Basic;

    private static ZoomUserType ToZoom(LicenseType type) => type switch
    {
        LicenseType.Licensed => ZoomUserType.Licensed,
        LicenseType.Basic => ZoomUserType.Basic,
    };
}
