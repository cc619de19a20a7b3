using Aulario.Persistence;
using Aulario.Web.Features.ApiTokens;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Infrastructure;

public static class AuthPolicies
{
    /// <summary>Administrators: institution admins (every portal) and portal admins (their portals; Core filters by
    /// <see cref="CurrentUser.Scope"/>). Never while impersonating ("Iniciar sesión como" cannot reach admin pages).</summary>
    public const string Admin = "Admin";
    /// <summary>Institution administrators only (portals, admins, tokens, settings): the first admin and those created by
    /// `aulario admin create`. Never while impersonating.</summary>
    public const string InstitutionAdmin = "InstitutionAdmin";
    /// <summary>Self-service on one's own account (hosts), or on the impersonated account (an admin acting as a user).</summary>
    public const string SelfService = "SelfService";
    /// <summary>Any signed-in person acting as themselves (their own account security: password, two-step verification).
    /// Refused while impersonating: those pages would act on the admin's own sign-in, not on the account acted as.</summary>
    public const string SignedIn = "SignedIn";
}

public static class AuthExtensions
{
    public const string SignInPath = "/ingresar";

    /// <summary>ASP.NET Identity with the cookie scheme; everything requires a signed-in user unless marked anonymous.
    /// API paths answer 401/403 ProblemDetails instead of redirecting.</summary>
    public static WebApplicationBuilder AddAularioAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<AppUser, IdentityRole>(AularioIdentityOptions.Apply)
            .AddEntityFrameworkStores<AularioDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<AularioClaimsPrincipalFactory>()
            .AddUserStore<AularioUserStore>()                    // recovery codes hashed, authenticator keys encrypted
            .AddPasswordValidator<AularioPasswordValidator>();   // no e-mail/name in it, no very common passwords

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "aulario.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = SignInPath;
            o.LogoutPath = "/salir";
            o.AccessDeniedPath = "/error/403";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAwareStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareStatus(ctx, StatusCodes.Status403Forbidden);
        });

        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "aulario.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
        });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AuthPolicies.Admin, p => p.RequireAuthenticatedUser()
                .RequireRole(AularioRoles.InstitutionAdmin, AularioRoles.PortalAdmin)
                .RequireAssertion(ctx => !ctx.User.HasClaim(c => c.Type == AularioClaims.Impersonator)))
            .AddPolicy(AuthPolicies.InstitutionAdmin, p => p.RequireAuthenticatedUser()
                .RequireRole(AularioRoles.InstitutionAdmin)
                .RequireAssertion(ctx => !ctx.User.HasClaim(c => c.Type == AularioClaims.Impersonator)))
            .AddPolicy(AuthPolicies.SignedIn, p => p.RequireAuthenticatedUser()
                .RequireAssertion(ctx => !ctx.User.HasClaim(c => c.Type == AularioClaims.Impersonator)))
            .AddPolicy(AuthPolicies.SelfService, p => p.RequireAuthenticatedUser()
                .RequireAssertion(ctx => ctx.User.HasClaim(c => c.Type == AularioClaims.Impersonator)
                    ? ctx.User.HasClaim(c => c.Type == AularioClaims.ActingAsAccount)
                    : ctx.User.HasClaim(c => c.Type == AularioClaims.Account)));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentUser>();
        builder.AddApiTokenAuthentication(); // "ApiToken" bearer scheme: /api also accepts `Authorization: Bearer aul_…`
        return builder;
    }

    private static async Task ApiAwareStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            var t = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = ctx.HttpContext,
                ProblemDetails =
                {
                    Status = status,
                    Title = status == StatusCodes.Status401Unauthorized ? t["Problem.Unauthorized"] : t["Problem.Forbidden"],
                },
            });
            return;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
    }
}
