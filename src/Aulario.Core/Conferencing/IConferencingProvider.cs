using Aulario.Core.Accounts;
using Aulario.Core.Common;

namespace Aulario.Core.Conferencing;

/// <summary>
/// The conferencing provider (Zoom) as use cases see it. Implemented by Aulario.Zoom over Zoom REST v2.
/// Expected failures come back as <see cref="Error"/> values with stable codes (see <see cref="ProviderErrorCodes"/>);
/// transport faults that survive the client's retries also come back as <see cref="ErrorKind.Upstream"/> or
/// <see cref="ErrorKind.RateLimited"/> errors, never as exceptions.
/// </summary>
public interface IConferencingProvider
{
    Task<Result<ProviderUser>> CreateUserAsync(NewProviderUser user, CancellationToken ct = default);
    /// <summary>By Zoom user id or email. A missing user (Zoom 1001/1120) is <see cref="ErrorKind.NotFound"/>.</summary>
    Task<Result<ProviderUser>> GetUserAsync(string idOrEmail, CancellationToken ct = default);
    /// <summary>All users with the status, following Zoom's next_page_token.</summary>
    IAsyncEnumerable<ProviderUser> ListUsersAsync(ProviderUserStatus status, CancellationToken ct = default);
    Task<Result<Done>> UpdateUserAsync(string userId, ProviderUserUpdate update, CancellationToken ct = default);
    Task<Result<Done>> SetActiveAsync(string userId, bool active, CancellationToken ct = default);
    Task<Result<Done>> SetPasswordAsync(string userId, string password, CancellationToken ct = default);
    /// <summary>Removes the user from the account: disassociate (default) or delete permanently.</summary>
    Task<Result<Done>> RemoveUserAsync(string userId, bool deletePermanently, CancellationToken ct = default);

    Task<Result<PasscodeSettings>> GetPasscodeSettingsAsync(string userId, CancellationToken ct = default);
    /// <summary>Sets the personal meeting room passcode (settings.schedule_meeting.pmi_password).</summary>
    Task<Result<Done>> SetPmiPasscodeAsync(string userId, string passcode, CancellationToken ct = default);

    Task<Result<IReadOnlyList<ProviderAssistant>>> ListAssistantsAsync(string userId, CancellationToken ct = default);
    Task<Result<Done>> AddAssistantsAsync(string userId, IReadOnlyList<string> assistantEmails, CancellationToken ct = default);
    Task<Result<Done>> RemoveAssistantAsync(string userId, string assistantId, CancellationToken ct = default);

    /// <summary>
    /// One page of the user's ended meetings in [from, to] (UTC days), newest window first. The provider splits the range into
    /// its allowed windows (Zoom: one month) and pages with its own tokens; pass <see cref="ProviderPage{T}.NextCursor"/> back
    /// unchanged for the next page (Zoom's tokens expire after 15 minutes: an expired one is a validation error).
    /// </summary>
    Task<Result<ProviderPage<ProviderPastMeeting>>> ListPastMeetingsAsync(string userId, DateOnly from, DateOnly to, int pageSize, string? cursor,
        CancellationToken ct = default);
    /// <summary>One ended meeting (by UUID), with its host: callers check the host before showing anything.</summary>
    Task<Result<ProviderPastMeeting>> GetPastMeetingAsync(string meetingUuid, CancellationToken ct = default);
    /// <summary>One page of the participants of an ended meeting (each join is one row, as Zoom reports them).</summary>
    Task<Result<ProviderPage<ProviderParticipant>>> ListPastParticipantsAsync(string meetingUuid, int pageSize, string? cursor,
        CancellationToken ct = default);
    /// <summary>The user's cloud recordings of meetings that started in [from, to] (UTC days), every page, with their files.</summary>
    Task<Result<IReadOnlyList<ProviderRecordedMeeting>>> ListRecordingsAsync(string userId, DateOnly from, DateOnly to, CancellationToken ct = default);
    /// <summary>
    /// Opens a recording file (as listed by <see cref="ListRecordingsAsync"/>) as a stream; the provider's credentials stay inside.
    /// A byte range ("bytes=0-1023") is passed on so players can seek. Dispose the content.
    /// </summary>
    Task<Result<ProviderRecordingContent>> OpenRecordingAsync(ProviderRecordingFile file, string? range, CancellationToken ct = default);
}

/// <summary>A page of a provider listing; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record ProviderPage<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record ProviderPastMeeting(
    string Uuid, long Id, string? HostId, string Topic, DateTimeOffset StartTime, DateTimeOffset? EndTime, int DurationMinutes,
    int ParticipantsCount, bool HasRecording);

/// <param name="DurationSeconds">Time in the meeting for this join.</param>
public sealed record ProviderParticipant(string Name, string? Email, DateTimeOffset? JoinTime, DateTimeOffset? LeaveTime, int DurationSeconds);

public sealed record ProviderRecordedMeeting(
    string Uuid, long Id, string Topic, DateTimeOffset StartTime, int DurationMinutes, long TotalSize, IReadOnlyList<ProviderRecordingFile> Files);

/// <param name="FileType">MP4, M4A, TRANSCRIPT, CHAT… as the provider names it.</param>
/// <param name="DownloadLocation">Where the provider serves the file (needs its credentials): never shown to a browser.</param>
public sealed record ProviderRecordingFile(
    string Id, string FileType, string? Extension, long Size, DateTimeOffset? Start, DateTimeOffset? End, string? Status, string? RecordingType,
    string DownloadLocation)
{
    public bool IsVideo => string.Equals(FileType, "MP4", StringComparison.OrdinalIgnoreCase);
    public bool IsAudio => string.Equals(FileType, "M4A", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An open recording file. <see cref="IsPartial"/> when a range was served (HTTP 206 with <see cref="ContentRange"/>).</summary>
public sealed class ProviderRecordingContent(Stream content, string? contentType, long? length, bool isPartial, string? contentRange,
    bool acceptsRanges, IAsyncDisposable owner) : IAsyncDisposable
{
    public Stream Content { get; } = content;
    public string? ContentType { get; } = contentType;
    public long? Length { get; } = length;
    public bool IsPartial { get; } = isPartial;
    public string? ContentRange { get; } = contentRange;
    public bool AcceptsRanges { get; } = acceptsRanges;

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}

public enum ProviderUserStatus { Active, Inactive, Pending }

public enum CreateMode
{
    /// <summary>Zoom emails an activation link; the user stays pending until they accept.</summary>
    Create,
    /// <summary>Managed domain only: created active with the given password.</summary>
    AutoCreate,
    /// <summary>SSO pre-provisioning: no password.</summary>
    SsoCreate,
}

public sealed record NewProviderUser(
    string Email, string FirstName, string LastName, LicenseType LicenseType, CreateMode Mode, string? Password = null);

public sealed record ProviderUser(
    string Id,
    string Email,
    string FirstName,
    string LastName,
    LicenseType LicenseType,
    ProviderUserStatus Status,
    long? Pmi = null,
    string? PersonalMeetingUrl = null,
    string? Timezone = null,
    string? Department = null,
    DateTimeOffset? LastLoginTime = null,
    DateTimeOffset? CreatedAt = null);

/// <summary>Fields to change; null leaves a field as it is.</summary>
public sealed record ProviderUserUpdate(
    string? FirstName = null, string? LastName = null, LicenseType? LicenseType = null, string? Timezone = null, string? Department = null);

/// <summary>The user's PMI passcode and the rules Zoom applies to meeting passcodes.</summary>
public sealed record PasscodeSettings(
    string? PmiPasscode,
    bool EmbedPasscodeInJoinLink,
    PasscodeRequirement Requirement);

/// <summary>Zoom's meeting_password_requirement.</summary>
public sealed record PasscodeRequirement(
    int MinLength = 0,
    bool HaveLetter = false,
    bool HaveNumber = false,
    bool HaveSpecialCharacter = false,
    bool HaveUpperAndLowerCharacters = false,
    bool OnlyAllowNumeric = false,
    int ConsecutiveCharactersLength = 0);

public sealed record ProviderAssistant(string Id, string Email);

/// <summary>Stable codes of the errors the provider port reports.</summary>
public static class ProviderErrorCodes
{
    public const string EmailTaken = "zoom.email-taken";                 // 409/1005
    public const string EmailActiveElsewhere = "zoom.email-active-elsewhere"; // 1009
    public const string InvalidField = "zoom.invalid-field";             // 300 with errors[]
    public const string UserNotFound = "zoom.user-not-found";            // 1001, 1120
    public const string PasswordRejected = "zoom.password-rejected";     // 1124–1136, 300 on password
    public const string PasscodeRejected = "zoom.passcode-rejected";
    public const string DomainNotManaged = "zoom.domain-not-managed";    // 1116
    public const string NoLicense = "zoom.no-license";                   // 200 license messages
    public const string NotAllowed = "zoom.not-allowed";                 // 1000, 1117, 200
    public const string RateLimited = "zoom.rate-limited";               // 429 QPS after retries
    public const string DailyLimit = "zoom.daily-limit";                 // 429 Daily-limit
    public const string Unavailable = "zoom.unavailable";                // 5xx / timeouts after retries
    public const string AuthFailed = "zoom.auth-failed";                 // token endpoint refused credentials
    public const string PageExpired = "zoom.page-expired";               // 300 on a next_page_token
    public const string MeetingNotFound = "zoom.meeting-not-found";      // 3001
    public const string RecordingNotFound = "zoom.recording-not-found";  // 3301
    public const string TooOld = "zoom.too-old";                         // 12702
    public const string RangeNotSatisfiable = "zoom.range-not-satisfiable"; // 416 on a download
    public const string Other = "zoom.other";
}
