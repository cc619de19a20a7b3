using System.Security.Claims;
using System.Text.Encodings.Web;
using Aulario.Core.ApiTokens;
using Aulario.Core.Scim;
using Aulario.Web.Features.ApiTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Scim;

public static class ScimAuthentication
{
    /// <summary>The bearer scheme of /scim/v2: only tokens created on /tokens/scim (scope "scim").</summary>
    public const string Scheme = "ScimToken";

    /// <summary>The policy of every /scim/v2 route: a valid SCIM token, nothing else (no cookie, no API token).</summary>
    public const string Policy = "Scim";

    public const string TokenIdClaim = "aulario:scim-token-id";
    public const string TokenNameClaim = "aulario:scim-token";

    /// <summary>The audit actor of a SCIM call: "scim:&lt;token name&gt;".</summary>
    public static string ActorName(string tokenName) => "scim:" + tokenName;

    /// <summary>SCIM users, the "ScimToken" scheme and the "Scim" policy, and the "Scim" options section.</summary>
    public static WebApplicationBuilder AddAularioScim(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ScimTokenAuthenticationHandler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(TokenNameClaim));
        builder.Services.AddOptions<ScimOptions>().BindConfiguration(ScimOptions.Section)
            .Validate(o => Enum.IsDefined(o.LicenseType), "Scim:LicenseType debe ser Basic o Licensed.")
            .ValidateOnStart();
        return builder;
    }
}

/// <summary>
/// `Authorization: Bearer aul_…` with a SCIM token. The caller is the identity provider, not a person: its name is
/// "scim:&lt;token name&gt;", whoever created the token (the integration keeps working when that admin leaves).
/// Missing, unknown, revoked or API-only tokens get 401 as a SCIM error.
/// </summary>
public sealed class ScimTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenAuthenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ApiTokenAuthenticationHandler.BearerToken(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        var result = await authenticator.AuthenticateAsync(presented, ApiTokenScopes.Scim, Context.RequestAborted);
        if (!result.IsSuccess) return AuthenticateResult.Fail(result.Errors[0].Code);
        var token = result.Value;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, ScimAuthentication.ActorName(token.Name)),
            new Claim(ScimAuthentication.TokenIdClaim, token.Id.ToString("D")),
            new Claim(ScimAuthentication.TokenNameClaim, token.Name),
        ], Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = ApiTokenAuthenticationHandler.BearerToken(Request) is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return ScimResults.WriteErrorAsync(Context, StatusCodes.Status401Unauthorized, null,
            "Falta el token SCIM, no es válido o fue revocado. Cree uno en Aulario, en /tokens/scim.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ScimResults.WriteErrorAsync(Context, StatusCodes.Status403Forbidden, null, "El token no permite usar SCIM.");
}
