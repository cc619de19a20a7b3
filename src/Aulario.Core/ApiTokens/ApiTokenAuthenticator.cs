using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.ApiTokens;

/// <summary>Checks a presented bearer token: right shape, known hash, not revoked, has the scope.
/// Records the use in <see cref="ApiToken.LastUsedAt"/> at most once per <see cref="TouchInterval"/>.</summary>
public sealed class ApiTokenAuthenticator(IAularioDb db, TimeProvider time)
{
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public async Task<Result<ApiToken>> AuthenticateAsync(string? presented, string scope, CancellationToken ct = default)
    {
        if (!ApiTokenSecret.HasValidShape(presented))
            return Error.Validation("api-token.malformed", "El token no tiene el formato de un token de Aulario.");
        var hash = ApiTokenSecret.Hash(presented!);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null) return Error.NotFound("api-token.unknown", "El token no es válido.");
        if (token.RevokedAt is not null) return Error.Forbidden("api-token.revoked", "El token fue revocado.");
        if (!ApiTokenScopes.Has(token.Scopes, scope)) return Error.Forbidden("api-token.scope", $"El token no permite «{scope}».");

        var now = time.GetUtcNow();
        if (token.LastUsedAt is not { } last || now - last >= TouchInterval)
        {
            var threshold = now - TouchInterval;
            // Conditional update: concurrent requests in the same minute write once at most.
            await db.ApiTokens.Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, (DateTimeOffset?)now), ct);
            token.LastUsedAt = now;
        }
        return token;
    }
}
