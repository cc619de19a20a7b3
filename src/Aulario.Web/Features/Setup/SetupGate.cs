using System.Security.Cryptography;
using System.Text;

namespace Aulario.Web.Features.Setup;

/// <summary>
/// The one-time first-admin setup token. Only its SHA-256 hash is kept (in memory): the token itself exists once, in the
/// start-up log line. Consuming it is atomic, so two concurrent setups cannot both create an admin.
/// </summary>
public sealed class SetupGate
{
    private readonly Lock _lock = new();
    private byte[]? _hash;

    public bool IsOpen
    {
        get { lock (_lock) return _hash is not null; }
    }

    /// <summary>Opens the gate with a new token and returns it (to be logged once).</summary>
    public string Open()
    {
        var token = Aulario.Core.Secrets.SecretGenerator.Token();
        lock (_lock) _hash = Hash(token);
        return token;
    }

    public bool Matches(string? token)
    {
        if (!IsWellFormed(token)) return false;
        var candidate = Hash(token!);
        lock (_lock) return _hash is not null && CryptographicOperations.FixedTimeEquals(_hash, candidate);
    }

    /// <summary>Takes the token if it matches; afterwards the gate is closed for good.</summary>
    public bool TryConsume(string? token)
    {
        if (!IsWellFormed(token)) return false;
        var candidate = Hash(token!);
        lock (_lock)
        {
            if (_hash is null || !CryptographicOperations.FixedTimeEquals(_hash, candidate)) return false;
            _hash = null;
            return true;
        }
    }

    private static bool IsWellFormed(string? token) => !string.IsNullOrEmpty(token) && token.Length <= 256;

    /// <summary>Re-opens with the same token after a failed creation (e.g. the password was rejected by the rules).</summary>
    public void Restore(string token)
    {
        lock (_lock) _hash ??= Hash(token);
    }

    public void Close()
    {
        lock (_lock) _hash = null;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
