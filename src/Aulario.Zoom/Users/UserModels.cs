using System.Text.Json.Serialization;

namespace Aulario.Zoom.Users;

/// <summary>Zoom user <c>type</c>: 1 Basic, 2 Licensed, 3 On-prem, 4 Unassigned without meetings Basic, 99 None (ssoCreate only).</summary>
[Http.ZoomNumericEnum]
public enum ZoomUserType
{
    Unknown = 0,
    Basic = 1,
    Licensed = 2,
    OnPrem = 3,
    UnassignedWithoutMeetingsBasic = 4,
    None = 99,
}

public enum ZoomUserStatus
{
    Unknown = 0,
    Active,
    Inactive,
    Pending,
}

/// <summary>POST /users <c>action</c>.</summary>
public enum ZoomCreateAction
{
    [JsonStringEnumMemberName("create")] Create,
    [JsonStringEnumMemberName("autoCreate")] AutoCreate,
    [JsonStringEnumMemberName("custCreate")] CustCreate,
    [JsonStringEnumMemberName("ssoCreate")] SsoCreate,
}

public sealed record ZoomNewUserInfo
{
    public required string Email { get; init; }
    public required ZoomUserType Type { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? DisplayName { get; init; }
    /// <summary>Only with <see cref="ZoomCreateAction.AutoCreate"/>.</summary>
    public string? Password { get; init; }
}

public sealed record ZoomCreateUserRequest(ZoomCreateAction Action, ZoomNewUserInfo UserInfo);

public sealed record ZoomCreatedUser(string Id, string Email, string? FirstName, string? LastName, ZoomUserType Type);

public sealed record ZoomUser
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? DisplayName { get; init; }
    public ZoomUserType Type { get; init; }
    public ZoomUserStatus Status { get; init; }
    public long? Pmi { get; init; }
    public string? PersonalMeetingUrl { get; init; }
    public string? Timezone { get; init; }
    public string? Dept { get; init; }
    public string? Language { get; init; }
    public string? RoleName { get; init; }
    /// <summary>1 when the email is verified (Zoom sends a number).</summary>
    public int? Verified { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? LastLoginTime { get; init; }
    public int? LoginType { get; init; }
}

public sealed record ZoomUserPage(int? PageSize, int? TotalRecords, string? NextPageToken, IReadOnlyList<ZoomUser>? Users);

/// <summary>PATCH /users/{userId}; null fields are not sent.</summary>
public sealed record ZoomUserUpdate
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public ZoomUserType? Type { get; init; }
    public string? Timezone { get; init; }
    public string? Language { get; init; }
    public string? Dept { get; init; }
}

/// <summary>DELETE /users/{userId} <c>action</c>.</summary>
public enum ZoomRemoveAction
{
    Disassociate,
    Delete,
}

/// <summary>Where a removed user's data goes (singular <c>transfer_*</c> names, as in Zoom's spec).</summary>
public sealed record ZoomTransferOptions(string TransferEmail, bool Meetings = true, bool Webinars = true, bool Recordings = true);

public sealed record ZoomUsersSummary(
    int LicensedUsersCount, int BasicUsersCount, int OnPremUsersCount, int RoomUsersCount, int PendingUsersCount,
    int JoinOnlyUsersCount, int TotalUsersCount);

internal sealed record ZoomStatusBody(string Action);

internal sealed record ZoomPasswordBody(string Password);
