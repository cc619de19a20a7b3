using Aulario.Core.Sso;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Aulario.Web.Features.Sso;

public static partial class SsoExtensions
{
    /// <summary>The OpenID Connect scheme's name (also the challenge target of "Ingresar con …").</summary>
    public const string Scheme = "oidc";
    public const string StartPath = "/ingresar/sso/iniciar";
    public const string CompletePath = "/ingresar/sso";

    /// <summary>
    /// Section "Sso" (validated at start) and, when Sso:Authority is set, the OpenID Connect handler: authorization code with
    /// PKCE, response_mode=query (so the correlation and nonce cookies can be SameSite=Lax and work over http on loopback,
    /// while SameAsRequest keeps them Secure behind HTTPS), the identity signed into Identity's external cookie, and the
    /// raw claim names kept (Sso:IdentifierClaim names the provider's claim as the provider spells it).
    /// </summary>
    public static WebApplicationBuilder AddAularioSso(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SsoOptions>().BindConfiguration(SsoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<SsoSignIn>();
        var sso = builder.Configuration.GetSection(SsoOptions.Section).Get<SsoOptions>() ?? new SsoOptions();
        if (!sso.Enabled) return builder;

        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, _ => { });
        builder.Services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<SsoOptions>>((o, options) =>
        {
            var s = options.Value;
            o.Authority = s.Issuer;
            o.ClientId = s.ClientId;
            o.ClientSecret = s.ClientSecret;
            o.RequireHttpsMetadata = s.RequireHttpsMetadata;
            o.CallbackPath = s.CallbackPath;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.SaveTokens = false;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.Scope.Clear();
            o.Scope.Add("openid");
            foreach (var scope in s.EffectiveScopes) o.Scope.Add(scope);
            foreach (var claim in new[] { s.IdentifierClaim, s.EmailClaim, s.GivenNameClaim, s.FamilyNameClaim, s.NameClaim, "email_verified" }.Distinct())
                o.ClaimActions.MapUniqueJsonKey(claim, claim);
            if (!string.IsNullOrWhiteSpace(s.RoleClaim)) o.ClaimActions.MapJsonKey(s.RoleClaim, s.RoleClaim);
            o.TokenValidationParameters.NameClaimType = s.EmailClaim;
            o.CorrelationCookie.Name = "aulario.sso.correlation.";
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.Name = "aulario.sso.nonce.";
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnAccessDenied = ctx =>
            {
                ctx.Response.Redirect(CompletePath + "?error=denied");
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
            o.Events.OnRemoteFailure = ctx =>
            {
                var logger = ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Aulario.Web.Features.Sso");
                LogRemoteFailure(logger, ctx.Failure?.Message ?? "desconocido");
                var denied = ctx.Failure?.Message.Contains("access_denied", StringComparison.Ordinal) == true;
                ctx.Response.Redirect(CompletePath + "?error=" + (denied ? "denied" : "provider"));
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return builder;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "SSO sign-in failed at the identity provider: {Reason}")]
    private static partial void LogRemoteFailure(ILogger logger, string reason);
}
