using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Admins;

/// <summary>Section "Sessions".</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>How soon a changed role, portal list, disable or removal ends the person's open sessions: the security stamp is
    /// re-checked at this interval (Identity's default is 30 minutes). Zero checks on every request.</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public static class AdminsExtensions
{
    /// <summary>How long a mailed set-password link works (Identity's data-protection token lifespan).</summary>
    public static readonly TimeSpan SetPasswordLinkLifetime = TimeSpan.FromDays(3);

    /// <summary>Admin management (/administradores), host self-service access and the set-password link.</summary>
    public static WebApplicationBuilder AddAularioAdmins(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AdminManagement>();
        builder.Services.AddScoped<HostAccess>();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = SetPasswordLinkLifetime);
        builder.Services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section)
            .Validate(o => o.RecheckInterval >= TimeSpan.Zero && o.RecheckInterval <= TimeSpan.FromMinutes(30),
                "Sessions:RecheckInterval debe estar entre 00:00:00 y 00:30:00.")
            .ValidateOnStart();
        builder.Services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<SessionOptions>>((o, sessions) =>
            o.ValidationInterval = sessions.Value.RecheckInterval);
        return builder;
    }
}
