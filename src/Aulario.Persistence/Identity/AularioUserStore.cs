using System.Security.Cryptography;
using System.Text;
using Aulario.Core.Secrets;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Aulario.Persistence;

/// <summary>
/// Identity's EF store with two secrets kept safe at rest (Identity's own store keeps both in plain text in AspNetUserTokens):
/// two-factor recovery codes are stored as SHA-256 hashes (a redeemed code is removed, so it cannot be used again), and the
/// authenticator (TOTP) key is encrypted with Data Protection.
/// </summary>
public sealed class AularioUserStore(AularioDbContext context, ISecretProtector secrets, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, AularioDbContext>(context, describer)
{
    // The names Identity's UserStoreBase uses for these two tokens.
    public const string InternalLoginProvider = "[AspNetUserStore]";
    public const string AuthenticatorKeyTokenName = "AuthenticatorKey";
    public const string RecoveryCodeTokenName = "RecoveryCodes";

    public override Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyTokenName, secrets.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyTokenName, cancellationToken);
        if (string.IsNullOrEmpty(stored)) return null;
        try
        {
            return secrets.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return null; // the key ring that encrypted it is gone: codes fail, recovery codes still work
        }
    }

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, string.Join(";", recoveryCodes.Select(HashCode)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, cancellationToken) ?? "";
        var hashes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries);
        var presented = Encoding.ASCII.GetBytes(HashCode(code));
        var match = hashes.FirstOrDefault(h => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), presented));
        if (match is null) return false;
        await SetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, string.Join(";", hashes.Where(h => h != match)), cancellationToken);
        return true;
    }

    /// <summary>SHA-256 (hex) of the code as typed, ignoring case, spaces and dashes ("abcde-12345" = "ABCDE12345").</summary>
    public static string HashCode(string code)
    {
        var canonical = new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
