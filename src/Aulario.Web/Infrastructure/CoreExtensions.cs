using Aulario.Core;
using Aulario.Core.Accounts;
using Aulario.Siu;
using Aulario.Web.Features.Jobs;
using Aulario.Web.Features.Mail;

namespace Aulario.Web.Infrastructure;

public static class CoreExtensions
{
    /// <summary>Core's use cases, the SIU adapter, the durable job worker and the mail outbox.</summary>
    public static WebApplicationBuilder AddAularioCore(this WebApplicationBuilder builder)
    {
        builder.Services.AddAularioCore();
        // Zoom:ManagedDomains (as the Zoom client sees them, demo mode included) decides autoCreate vs create.
        builder.Services.AddOptions<ProvisioningOptions>().BindConfiguration("Zoom")
            .Configure<Microsoft.Extensions.Options.IOptions<Aulario.Zoom.ZoomOptions>>((p, zoom) => p.ManagedDomains = [.. zoom.Value.ManagedDomains])
            .Validate(o => o.InvitationLifetime > TimeSpan.Zero && o.PasswordResetLinkLifetime > TimeSpan.Zero && o.MaxPastedRows > 0,
                "Zoom:InvitationLifetime, Zoom:PasswordResetLinkLifetime y Zoom:MaxPastedRows deben ser positivos.")
            .ValidateOnStart();
        builder.Services.AddSiuDirectory();
        builder.AddAularioJobs();
        builder.AddAularioMail();
        return builder;
    }
}
