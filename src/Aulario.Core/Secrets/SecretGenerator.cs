using System.Security.Cryptography;

namespace Aulario.Core.Secrets;

/// <summary>Generates unique strong secrets with a CSPRNG. There is no default password anywhere.</summary>
public static class SecretGenerator
{
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "@-_*";

    /// <summary>A sign-in password that meets Zoom's default complexity (letters both cases, digit, symbol, no runs).</summary>
    public static string Password(int length = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 31);
        while (true)
        {
            var chars = new char[length];
            chars[0] = Pick(Lower); chars[1] = Pick(Upper); chars[2] = Pick(Digits); chars[3] = Pick(Symbols);
            const string all = Lower + Upper + Digits + Symbols;
            for (var i = 4; i < length; i++) chars[i] = Pick(all);
            RandomNumberGenerator.Shuffle(chars.AsSpan());
            var candidate = new string(chars);
            if (!HasRun(candidate, 3)) return candidate;
        }
    }

    /// <summary>An opaque token for links and API keys (URL-safe, 256 bits).</summary>
    public static string Token() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];

    /// <summary>True when the text has <paramref name="run"/> consecutive ascending/descending or equal characters.</summary>
    public static bool HasRun(string text, int run)
    {
        if (run < 2) return false;
        int up = 1, down = 1, same = 1;
        for (var i = 1; i < text.Length; i++)
        {
            up = text[i] == text[i - 1] + 1 ? up + 1 : 1;
            down = text[i] == text[i - 1] - 1 ? down + 1 : 1;
            same = text[i] == text[i - 1] ? same + 1 : 1;
            if (up >= run || down >= run || same >= run) return true;
        }
        return false;
    }
}
