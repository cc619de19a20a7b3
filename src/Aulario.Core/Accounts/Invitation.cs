namespace Aulario.Core.Accounts;

/// <summary>An emailed sign-up invitation. Only the SHA-256 of its token is stored; single use; expires.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Email { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public required string CreatedBy { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public LicenseType LicenseType { get; set; } = LicenseType.Licensed;
    public Guid? PortalId { get; set; }
}
