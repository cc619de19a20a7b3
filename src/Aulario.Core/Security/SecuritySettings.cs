namespace Aulario.Core.Security;

/// <summary>The institution's sign-in rules, set on /ajustes. One row (<see cref="SingletonId"/>); absent means the defaults.</summary>
public sealed class SecuritySettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    /// <summary>Administrators (institution and portal) must enrol in two-step verification before using any admin page or
    /// the API with their browser session. API tokens are not affected.</summary>
    public bool RequireTwoFactorForAdmins { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
