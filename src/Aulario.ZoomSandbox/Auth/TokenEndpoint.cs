using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Auth;

/// <summary>Server-to-Server OAuth: POST /oauth/token (Basic client credentials, grant_type=account_credentials, account_id).</summary>
internal static class TokenEndpoint
{
    public static void Map(WebApplication app) => app.MapPost("/oauth/token", async (HttpRequest request, SandboxState state, ZoomSandboxOptions options, TimeProvider time) =>
    {
        Interlocked.Increment(ref state.Stats.TokenRequests);
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        string? Param(string name) => form?[name].FirstOrDefault() ?? request.Query[name].FirstOrDefault();

        var auth = request.Headers.Authorization.ToString();
        string? clientId = null, clientSecret = null;
        if (auth.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0) { clientId = decoded[..colon]; clientSecret = decoded[(colon + 1)..]; }
            }
            catch (FormatException) { }
        }
        if (clientId is null || clientSecret is null)
            return Results.Json(new { reason = "Missing client credentials", error = "invalid_request" }, statusCode: 400);
        if (!FixedEquals(clientId, options.ClientId) || !FixedEquals(clientSecret, options.ClientSecret))
            return Results.Json(new { reason = "Invalid client_id or client_secret", error = "invalid_client" }, statusCode: 401);
        if (Param("grant_type") != "account_credentials")
            return Results.Json(new { reason = "Unsupported grant type", error = "unsupported_grant_type" }, statusCode: 400);
        if (Param("account_id") != options.AccountId)
            return Results.Json(new { reason = "Account does not exist", error = "invalid_request" }, statusCode: 400);

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        state.Tokens[token] = time.GetUtcNow() + options.TokenLifetime;
        return Results.Json(new
        {
            access_token = token,
            token_type = "bearer",
            expires_in = (int)options.TokenLifetime.TotalSeconds,
            scope = "user:read:admin user:write:admin recording:read:admin report:read:admin meeting:read:admin",
            api_url = request.Scheme + "://" + request.Host,
        });
    }).DisableAntiforgery();

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
