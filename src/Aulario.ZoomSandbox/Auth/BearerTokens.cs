using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Auth;

/// <summary>Checks the <c>Authorization: Bearer</c> token of an API call or a recording download against the issued tokens.</summary>
internal static class BearerTokens
{
    public static bool IsValid(HttpRequest request, SandboxState state, TimeProvider time)
    {
        var auth = request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var token = auth[7..].Trim();
        return state.Tokens.TryGetValue(token, out var expires) && expires > time.GetUtcNow();
    }
}
