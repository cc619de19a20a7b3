using System.Runtime.CompilerServices;
using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Zoom.Assistants;
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
