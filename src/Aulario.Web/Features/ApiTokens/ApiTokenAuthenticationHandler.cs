using System.Security.Claims;
using System.Text.Encodings.Web;
using Aulario.Core.ApiTokens;
using Aulario.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.ApiTokens;

/// <summary>
/// `Authorization: Bearer aul_…`: the token's creator becomes the caller, with the roles that user has now.
/// Unknown, revoked or malformed tokens (and tokens of a deleted or locked-out user) fail → 401 ProblemDetails.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenAuthenticator authenticator, UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> principals,
    IOptions<IdentityOptions> identity, IProblemDetailsService problems,
    IStringLocalizer<SharedResource> shared, IStringLocalizer<ApiTokensResource> t)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string TokenIdClaim = "aulario:api-token-id";
    public const string TokenNameClaim = "aulario:api-token";

    public static string? BearerToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        return header["Bearer ".Length..].Trim();
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = BearerToken(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        var result = await authenticator.AuthenticateAsync(presented, ApiTokenScopes.Api, Context.RequestAborted);
        if (!result.IsSuccess) return AuthenticateResult.Fail(result.Errors[0].Code);

        var token = result.Value;
        var user = await users.FindByNameAsync(token.CreatedBy);
        if (user is null || await users.IsLockedOutAsync(user)) return AuthenticateResult.Fail("api-token.user-unavailable");

        var fromUser = await principals.CreateAsync(user);
        var claims = identity.Value.ClaimsIdentity;
        var id = new ClaimsIdentity(fromUser.Claims, Scheme.Name, claims.UserNameClaimType, claims.RoleClaimType);
        id.AddClaim(new Claim(TokenIdClaim, token.Id.ToString("D")));
        id.AddClaim(new Claim(TokenNameClaim, token.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(id), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = BearerToken(Request) is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, shared["Problem.Unauthorized"], t["Problem.InvalidToken"]);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, shared["Problem.Forbidden"], t["Problem.TokenForbidden"]);

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
