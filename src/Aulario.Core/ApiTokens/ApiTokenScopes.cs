namespace Aulario.Core.ApiTokens;

/// <summary>Scopes a token may carry (space-separated in <see cref="Common.ApiToken.Scopes"/>).</summary>
public static class ApiTokenScopes
{
    /// <summary>The REST API /api/v1 (and so the `aulario` command line).</summary>
    public const string Api = "api";

    /// <summary>SCIM 2.0 provisioning at /scim/v2 by the identity provider. A SCIM token never opens /api/v1 and an API token
    /// never opens /scim/v2: each token carries exactly one of the two.</summary>
    public const string Scim = "scim";

    public static bool Has(string scopes, string scope) =>
        scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal);
}
