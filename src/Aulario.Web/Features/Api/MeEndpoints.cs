using System.Security.Claims;
using Aulario.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Aulario.Web.Features.Api;

/// <summary>The signed-in user as the API sees them.</summary>
public sealed record MeResponse(string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles);

public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/me", GetMeAsync).WithName("GetMe").WithSummary("El usuario que llama");
        return group;
    }

    private static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> GetMeAsync(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return TypedResults.Unauthorized();
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new MeResponse(user.Id, user.Email ?? "", user.DisplayName, roles.Order(StringComparer.Ordinal).ToList()));
    }
}
