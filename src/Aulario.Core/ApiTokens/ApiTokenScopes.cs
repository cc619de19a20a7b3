namespace Aulario.Core.ApiTokens;

/// <summary>Scopes a token may carry (space-separated in <see cref="Common.ApiToken.Scopes"/>).</summary>
public static class ApiTokenScopes
{
    /// <summary>The REST API /api/v1 (and so the `aulario` command line).</summary>
    public const string Api = "api";

    public static bool Has(string scopes, string scope) =>
        scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal);
}
