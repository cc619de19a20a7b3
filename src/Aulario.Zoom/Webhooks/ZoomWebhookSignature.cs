using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aulario.Zoom.Webhooks;

/// <summary>
/// Zoom's webhook signature: <c>x-zm-signature = "v0=" + hex(HMAC-SHA256(secret, "v0:" + x-zm-request-timestamp + ":" + rawBody))</c>.
/// Verified on the raw request bytes (never a re-serialised body), in constant time, within a timestamp window (replay protection).
/// </summary>
public static class ZoomWebhookSignature
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    public static string Compute(string secretToken, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretToken), message)).ToLowerInvariant();
    }

    /// <summary>True when the signature matches and the timestamp is within <paramref name="window"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secretToken, string? timestamp, string? signature, ReadOnlySpan<byte> rawBody, DateTimeOffset now, TimeSpan window)
    {
        if (string.IsNullOrEmpty(secretToken) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)) return false;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        DateTimeOffset sentAt;
        try { sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds); }
        catch (ArgumentOutOfRangeException) { return false; }
        if ((now - sentAt).Duration() > window) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(secretToken, timestamp, rawBody));
        var actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>The answer to Zoom's endpoint.url_validation challenge.</summary>
    public static (string PlainToken, string EncryptedToken) UrlValidation(string secretToken, string plainToken) =>
        (plainToken, Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretToken), Encoding.UTF8.GetBytes(plainToken))).ToLowerInvariant());
}
