using System.Security.Cryptography;
using System.Text;

namespace Aulario.ZoomSandbox.Settings;

internal static class Passcodes
{
    /// <summary>A random passcode that obeys the requirement (what Zoom assigns a new user's PMI).</summary>
    public static string Generate(SandboxPasscodeRequirement r)
    {
        for (var i = 0; i < 1000; i++)
        {
            var length = Math.Clamp(Math.Max(r.Length, 8), 1, 10);
            var pool = r.OnlyAllowNumeric ? "0123456789" : "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789" + (r.HaveSpecialCharacter ? "@-_*" : "");
            var candidate = string.Create(length, pool, (span, p) => { for (var j = 0; j < span.Length; j++) span[j] = p[RandomNumberGenerator.GetInt32(p.Length)]; });
            if (PasscodeRules.Check(candidate, r) is null) return candidate;
        }
        throw new InvalidOperationException("No passcode satisfies the requirement.");
    }

    /// <summary>The opaque pwd= value of a join link (like Zoom's, it is not the passcode itself).</summary>
    public static string Encode(string passcode) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("pwd:" + passcode)))[..32].Replace('+', '-').Replace('/', '_');
}
