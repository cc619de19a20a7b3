namespace Aulario.Core.Accounts;

/// <summary>
/// An emailed "restablecer la contraseña" link for one account. Only the SHA-256 of its token is stored; single use;
/// expires (24 hours by default); a newer link for the same account supersedes it.
/// </summary>
public sealed class PasswordResetLink
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid AccountId { get; set; }
    /// <summary>The address the link was sent to (the account's email at that time).</summary>
    public required string Email { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>When it was used, or superseded by a newer link.</summary>
    public DateTimeOffset? UsedAt { get; set; }
    public required string CreatedBy { get; set; }
}
