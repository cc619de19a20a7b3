namespace Aulario.Core.Common;

/// <summary>A bearer token for the REST API, CLI or SCIM. Only its SHA-256 is stored; revocable.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>Space-separated scopes, e.g. "api scim".</summary>
    public string Scopes { get; set; } = "api";
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
