using Microsoft.AspNetCore.Identity;

namespace Aulario.Persistence;

/// <summary>A person who signs in to Aulario (admin, host, delegate). Passwords are hashed by ASP.NET Identity.</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>"es-AR" or "en"; null follows the browser.</summary>
    public string? Culture { get; set; }
}
