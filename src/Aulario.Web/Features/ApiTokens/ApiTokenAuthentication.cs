using Aulario.Core.ApiTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Aulario.Web.Features.ApiTokens;

public static class ApiTokenAuthentication
{
    /// <summary>The bearer-token scheme.</summary>
    public const string Scheme = "ApiToken";

    /// <summary>The default scheme: a bearer token on /api goes to <see cref="Scheme"/>, /scim to the SCIM token scheme, everything else
    /// to the Identity cookie.</summary>
    public const string CookieOrToken = "ApiTokenOrCookie";

    /// <summary>Registers the token use cases and the "ApiToken" scheme; /api accepts `Authorization: Bearer aul_…` as well as the cookie.
    /// Call after AddIdentity (it replaces Identity's default authenticate/challenge/forbid schemes with a selector).</summary>
    public static WebApplicationBuilder AddApiTokenAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApiTokenCommands>();
        builder.Services.AddScoped<ApiTokenAuthenticator>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(Scheme, null)
            .AddPolicyScheme(CookieOrToken, null, o => o.ForwardDefaultSelector = ctx =>
                // /scim only ever knows SCIM tokens (also for its unmatched routes, 404/405), never the cookie.
                ctx.Request.Path.StartsWithSegments("/scim") ? Scim.ScimAuthentication.Scheme
                : ctx.Request.Path.StartsWithSegments("/api") && ApiTokenAuthenticationHandler.BearerToken(ctx.Request) is not null
                    ? Scheme
                    : IdentityConstants.ApplicationScheme);
        builder.Services.Configure<AuthenticationOptions>(o =>
        {
            o.DefaultAuthenticateScheme = CookieOrToken;
            o.DefaultChallengeScheme = CookieOrToken;
            o.DefaultForbidScheme = CookieOrToken;
        });
        return builder;
    }
}
