using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aulario.Zoom.Settings;

/// <summary>GET /users/{userId}/settings; sections this client does not model are kept in <see cref="Other"/>.</summary>
public sealed record ZoomUserSettings
{
    public ZoomScheduleMeetingSettings? ScheduleMeeting { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

/// <summary>PATCH /users/{userId}/settings; only non-null sections and fields are sent.</summary>
public sealed record ZoomUserSettingsUpdate
{
    public ZoomScheduleMeetingSettings? ScheduleMeeting { get; init; }
}

/// <summary>settings.schedule_meeting (the passcode-related fields).</summary>
public sealed record ZoomScheduleMeetingSettings
{
    /// <summary>The personal meeting room (PMI) passcode.</summary>
    public string? PmiPassword { get; init; }
    /// <summary>jbh_only | all | none.</summary>
    public string? RequirePasswordForPmiMeetings { get; init; }
    public bool? EmbedPasswordInJoinLink { get; init; }
    public bool? RequirePasswordForSchedulingNewMeetings { get; init; }
    public bool? RequirePasswordForScheduledMeetings { get; init; }
    public bool? RequirePasswordForInstantMeetings { get; init; }
    public bool? ForcePmiJbhPassword { get; init; }
    public bool? PstnPasswordProtected { get; init; }
    public bool? PersonalMeeting { get; init; }
    public bool? UsePmiForScheduledMeetings { get; init; }
    public bool? UsePmiForInstantMeetings { get; init; }
    public ZoomPasswordRequirement? MeetingPasswordRequirement { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

/// <summary>settings.schedule_meeting.meeting_password_requirement.</summary>
public sealed record ZoomPasswordRequirement
{
    public int? Length { get; init; }
    public bool? HaveLetter { get; init; }
    public bool? HaveNumber { get; init; }
    public bool? HaveSpecialCharacter { get; init; }
    public bool? HaveUpperAndLowerCharacters { get; init; }
    public bool? OnlyAllowNumeric { get; init; }
    public int? ConsecutiveCharactersLength { get; init; }
    public bool? WeakEnhanceDetection { get; init; }
}
