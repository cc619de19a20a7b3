using Aulario.Core.Audit;
using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.ApiTokens;

/// <summary>A token just created: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record CreatedApiToken(ApiToken Token, string Secret);

/// <summary>API tokens: create (the secret is returned once, only its hash is stored), list, revoke. Creating and revoking are audited.
/// A token has one purpose (<see cref="ApiTokenScopes.Api"/> or <see cref="ApiTokenScopes.Scim"/>); each page lists and revokes
/// only the tokens of its purpose. API token names are unique per creator; SCIM token names are unique among active SCIM tokens
/// (SCIM changes are audited as "scim:&lt;name&gt;").</summary>
public sealed class ApiTokenCommands(IAularioDb db, IAuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 100;

    /// <summary>Creates a token for <paramref name="actor"/>: API calls with it act as that user, with that user's current roles.</summary>
    public async Task<Result<CreatedApiToken>> CreateAsync(string? name, Actor actor, CancellationToken ct = default) =>
        await CreateAsync(name, actor, ApiTokenScopes.Api, ct);

    /// <summary>Creates a token for one purpose: <see cref="ApiTokenScopes.Api"/> or <see cref="ApiTokenScopes.Scim"/>.</summary>
    public async Task<Result<CreatedApiToken>> CreateAsync(string? name, Actor actor, string scope, CancellationToken ct = default)
    {
        if (scope is not (ApiTokenScopes.Api or ApiTokenScopes.Scim)) throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown token scope.");
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
            return Error.Validation("api-token.name-required", "Escriba un nombre para el token (por ejemplo, «CLI de Juan»).", "name");
        if (trimmed.Length > MaxNameLength)
            return Error.Validation("api-token.name-too-long", $"El nombre puede tener hasta {MaxNameLength} caracteres.", "name");
        if (scope == ApiTokenScopes.Api
                ? await db.ApiTokens.AnyAsync(t => t.CreatedBy == actor.Name && t.Name == trimmed && t.RevokedAt == null && t.Scopes == ApiTokenScopes.Api, ct)
                : await db.ApiTokens.AnyAsync(t => t.Name == trimmed && t.RevokedAt == null && t.Scopes == ApiTokenScopes.Scim, ct))
            return Error.Conflict("api-token.duplicate-name", scope == ApiTokenScopes.Api
                ? $"Ya tiene un token activo llamado «{trimmed}»."
                : $"Ya hay un token SCIM activo llamado «{trimmed}».", "name");

        var secret = ApiTokenSecret.New();
        var token = new ApiToken
        {
            Name = trimmed,
            TokenHash = ApiTokenSecret.Hash(secret),
            Scopes = scope,
            CreatedBy = actor.Name,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiTokens.Add(token);
        audit.Record(actor, Action(token, "created"), Target(token), after: new { token.Name, token.Scopes, token.CreatedBy });
        await db.SaveChangesAsync(ct);
        return new CreatedApiToken(token, secret);
    }

    /// <summary>Every API token, newest first (active and revoked).</summary>
    public Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken ct = default) => ListAsync(ApiTokenScopes.Api, ct);

    /// <summary>Every token of one purpose, newest first (active and revoked).</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(string scope, CancellationToken ct = default) =>
        (await db.ApiTokens.AsNoTracking().Where(t => t.Scopes == scope).ToListAsync(ct)).OrderByDescending(t => t.CreatedAt).ToList();

    /// <summary>The API tokens <paramref name="createdBy"/> created, newest first (what a portal admin sees of the list).</summary>
    public async Task<IReadOnlyList<ApiToken>> ListOwnAsync(string createdBy, CancellationToken ct = default) =>
        (await db.ApiTokens.AsNoTracking().Where(t => t.CreatedBy == createdBy && t.Scopes == ApiTokenScopes.Api).ToListAsync(ct))
            .OrderByDescending(t => t.CreatedAt).ToList();

    /// <param name="anyOwner">True for institution admins (who may revoke anyone's token); otherwise only the actor's own tokens.</param>
    public Task<Result<Done>> RevokeAsync(Guid id, Actor actor, bool anyOwner = true, CancellationToken ct = default) =>
        RevokeAsync(id, actor, ApiTokenScopes.Api, anyOwner, ct);

    /// <summary>Revokes a token of that purpose (a SCIM token is not found on the API tokens page, and the reverse).</summary>
    /// <param name="anyOwner">True for institution admins (who may revoke anyone's token); otherwise only the actor's own tokens.</param>
    public async Task<Result<Done>> RevokeAsync(Guid id, Actor actor, string scope, bool anyOwner = true, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.Scopes == scope, ct);
        if (token is null || (!anyOwner && token.CreatedBy != actor.Name)) return Error.NotFound("api-token.not-found", "El token no existe.");
        if (token.RevokedAt is not null) return Error.Conflict("api-token.already-revoked", $"El token «{token.Name}» ya estaba revocado.");
        token.RevokedAt = time.GetUtcNow();
        audit.Record(actor, Action(token, "revoked"), Target(token), before: new { token.Name, token.CreatedBy }, after: new { token.RevokedAt });
        await db.SaveChangesAsync(ct);
        return new Done();
    }

    private static string Target(ApiToken token) => $"{Kind(token)}:{token.Name} ({token.Id:D})";

    private static string Action(ApiToken token, string verb) => $"{Kind(token)}.{verb}";

    private static string Kind(ApiToken token) => token.Scopes == ApiTokenScopes.Scim ? "scim-token" : "api-token";
}
