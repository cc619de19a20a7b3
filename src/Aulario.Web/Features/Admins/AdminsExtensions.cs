using Microsoft.AspNetCore.Identity;

namespace Aulario.Web.Features.Admins;

public static class AdminsExtensions
{
    /// <summary>How long a mailed set-password link works (Identity's data-protection token lifespan).</summary>
    public static readonly TimeSpan SetPasswordLinkLifetime = TimeSpan.FromDays(3);

    /// <summary>How soon a changed role, portal list, disable or removal ends the person's sessions (the security stamp is
    /// re-checked at this interval; Identity's default is 30 minutes).</summary>
    public static readonly TimeSpan SessionRecheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>Admin management (/administradores), host self-service access and the set-password link.</summary>
    public static WebApplicationBuilder AddAularioAdmins(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AdminManagement>();
        builder.Services.AddScoped<HostAccess>();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = SetPasswordLinkLifetime);
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = SessionRecheckInterval);
        return builder;
    }
}
