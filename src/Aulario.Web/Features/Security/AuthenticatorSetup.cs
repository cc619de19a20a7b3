using System.Text;
using QRCoder;

namespace Aulario.Web.Features.Security;

/// <summary>What an authenticator app needs: the shared key grouped for typing and an otpauth:// URI drawn as a QR code
/// (a PNG in a data: URI, which the CSP's img-src allows; no script or inline style).</summary>
public static class AuthenticatorSetup
{
    public const string Issuer = "Aulario";

    /// <summary>"JBSWY3DPEHPK3PXP…" → "JBSW Y3DP EHPK 3PXP …".</summary>
    public static string Grouped(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && i % 4 == 0) sb.Append(' ');
            sb.Append(char.ToUpperInvariant(key[i]));
        }
        return sb.ToString();
    }

    /// <summary>The Key Uri Format that Google Authenticator, Microsoft Authenticator, FreeOTP, Aegis… read (SHA-1, 6 digits, 30 s).</summary>
    public static string OtpAuthUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key.ToUpperInvariant()}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    public static string QrCodeDataUri(string otpAuthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpAuthUri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>A typed code without spaces or dashes ("123 456" → "123456").</summary>
    public static string Normalize(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
}
