using System.Security.Cryptography;
using System.Text;
using Aulario.Core.Secrets;

namespace Aulario.Core.ApiTokens;

/// <summary>The token format: "aul_" + 256 random bits (URL-safe base64). Only its SHA-256 (hex) is ever stored.</summary>
public static class ApiTokenSecret
{
    public const string Prefix = "aul_";

    /// <summary>Prefix plus 43 base64url characters (32 bytes).</summary>
    public const int Length = 47;

    public static string New() => Prefix + SecretGenerator.Token();

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Cheap shape check before touching the database (garbage never reaches a query).</summary>
    public static bool HasValidShape(string? token)
    {
        if (token is null || token.Length != Length || !token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        foreach (var c in token.AsSpan(Prefix.Length))
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')) return false;
        return true;
    }
}
