using Microsoft.AspNetCore.Identity;

namespace Aulario.Web.Features.SelfService;

public static class SelfServiceExtensions
{
    /// <summary>"Iniciar sesión como" and the self-service pages (/mi-cuenta, under the SelfService policy).</summary>
    public static WebApplicationBuilder AddAularioSelfService(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Impersonation>();
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = Impersonation.KeepActingOnRefresh);
        return builder;
    }
}
