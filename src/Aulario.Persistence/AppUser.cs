using Microsoft.AspNetCore.Identity;

namespace Aulario.Persistence;

/// <summary>A person who signs in to Aulario (admin, host, delegate). Passwords are hashed by ASP.NET Identity.</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>"es-AR" or "en"; null follows the browser.</summary>
    public string? Culture { get; set; }
    /// <summary>The conferencing account this person owns (a host's own Zoom user), if any: what self-service shows.</summary>
    public Guid? AccountId { get; set; }
}

/// <summary>A portal administrator's portal: a portal admin sees and changes only the portals listed here.</summary>
public sealed class AdminPortal
{
    public required string UserId { get; set; }
    public Guid PortalId { get; set; }
}
