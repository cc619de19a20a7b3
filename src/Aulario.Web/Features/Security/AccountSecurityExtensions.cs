using Aulario.Web.Infrastructure;
using Aulario.Core.Security;
using Aulario.Persistence;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Aulario.Web.Features.Security;

public static class AccountSecurityExtensions
{
    /// <summary>How long "Recordar este navegador" skips the code step on one browser (changing the password, or turning
    /// two-step verification off and on, forgets every remembered browser).</summary>
    public static readonly TimeSpan RememberBrowserFor = TimeSpan.FromDays(14);

    /// <summary>Account security: password rules' messages, the security settings use case, the remembered-browser cookie.
    /// Call after AddAularioAuth.</summary>
    public static WebApplicationBuilder AddAularioAccountSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SecuritySettingsCommands>();
        builder.Services.AddScoped<IAularioPasswordErrors, SecurityPasswordErrors>();
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.Cookie.Name = "aulario.2fa-recordar";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = RememberBrowserFor;
        });
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "aulario.2fa-paso";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        return builder;
    }

    /// <summary>Enrolment first for admins when the institution requires two-step verification (after UseAuthentication).</summary>
    public static WebApplication UseTwoFactorEnrolment(this WebApplication app)
    {
        app.UseMiddleware<TwoFactorEnrolmentMiddleware>();
        return app;
    }

    /// <summary>/seguridad is for every signed-in user, not only admins: replaces the folder-wide admin policy on that page
    /// with "any signed-in user". The code steps of signing in are anonymous (the Identity two-factor cookie identifies the user).</summary>
    public static void AddAccountSecurityConventions(this PageConventionCollection conventions)
    {
        foreach (var page in new[] { "/Security/Account", "/Security/Enable" })
        {
            conventions.AddPageApplicationModelConvention(page, model =>
            {
                var adminOnly = model.EndpointMetadata.OfType<AuthorizeAttribute>().Where(a => a.Policy is not null).ToList();
                foreach (var attribute in adminOnly) model.EndpointMetadata.Remove(attribute);
                model.EndpointMetadata.Add(new AuthorizeAttribute(AuthPolicies.SignedIn));
            });
        }
        conventions.AllowAnonymousToPage("/Security/SignInCode");
        conventions.AllowAnonymousToPage("/Security/SignInRecovery");
    }
}
