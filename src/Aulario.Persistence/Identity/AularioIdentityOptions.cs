using Microsoft.AspNetCore.Identity;

namespace Aulario.Persistence;

/// <summary>Roles Aulario knows.</summary>
public static class AularioRoles
{
    public const string InstitutionAdmin = "InstitutionAdmin";
    public const string PortalAdmin = "PortalAdmin";
    public const string Host = "Host";
}

/// <summary>Password and lockout rules shared by the web host and the CLI, so both create users alike.</summary>
public static class AularioIdentityOptions
{
    public static void Apply(IdentityOptions o)
    {
        o.User.RequireUniqueEmail = true;
        o.Password.RequiredLength = 12;
        o.Password.RequireDigit = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireLowercase = false;
        o.Password.RequiredUniqueChars = 4;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    }
}
