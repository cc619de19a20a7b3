namespace Aulario.ZoomSandbox;

/// <summary>Zoom's meeting_password_requirement.</summary>
public sealed class SandboxPasscodeRequirement
{
    public int Length { get; set; }
    public bool HaveLetter { get; set; }
    public bool HaveNumber { get; set; }
    public bool HaveSpecialCharacter { get; set; }
    public bool HaveUpperAndLowerCharacters { get; set; }
    public bool OnlyAllowNumeric { get; set; }
    public int ConsecutiveCharactersLength { get; set; }
    public bool WeakEnhanceDetection { get; set; }
}

public sealed class SandboxUser
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public int Type { get; set; } = 1;
    public string Status { get; set; } = "active";
    public long Pmi { get; set; }
    public string? PasswordHash { get; set; }
    public string Timezone { get; set; } = "America/Argentina/Buenos_Aires";
    public string? Dept { get; set; }
    public string Language { get; set; } = "es-ES";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastLoginTime { get; set; }
    public string? PmiPassword { get; set; }
    public bool EmbedPasswordInJoinLink { get; set; } = true;
    public string RequirePasswordForPmiMeetings { get; set; } = "all";
    public SandboxPasscodeRequirement Requirement { get; set; } = new();
    public List<string> AssistantIds { get; } = [];
    public string? ActivationToken { get; set; }
    public DateTimeOffset? InvitationExpiresAt { get; set; }
    public int LoginType { get; set; } = 100;

    public string DisplayName => $"{FirstName} {LastName}".Trim();
}
