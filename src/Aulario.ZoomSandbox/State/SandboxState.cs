using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Aulario.ZoomSandbox;

/// <summary>A next_page_token: where the next page of a listing starts, valid for 15 minutes.</summary>
public sealed record PageToken(string Status, int Position, int PageSize, DateTimeOffset Expires);

/// <summary>The sandbox's whole in-memory state (users, tokens, mailbox, meetings, stats). All members are thread-safe.</summary>
public sealed class SandboxState
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SandboxUser> _users = new(StringComparer.Ordinal);
    private long _nextPmi = 8_100_000_000;

    /// <summary>Issued access tokens and when each expires (sandbox clock).</summary>
    public ConcurrentDictionary<string, DateTimeOffset> Tokens { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<SandboxMail> Mailbox { get; } = new();
    public ConcurrentDictionary<string, PageToken> PageTokens { get; } = new(StringComparer.Ordinal);
    /// <summary>Past meetings with participants and recordings; lock the list while reading or writing it.</summary>
    public List<SandboxMeeting> Meetings { get; } = [];
    public SandboxStats Stats { get; } = new();
    public FaultScript Script { get; } = new();
    /// <summary>Emails that hold accounts in other Zoom accounts (create → 409/1009).</summary>
    public ConcurrentDictionary<string, bool> ForeignEmails { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Lock this while changing a <see cref="SandboxUser"/>'s members.</summary>
    public object Gate => _gate;

    /// <summary>A snapshot of all users, oldest first.</summary>
    public IReadOnlyList<SandboxUser> Users { get { lock (_gate) return _users.Values.OrderBy(u => u.CreatedAt).ThenBy(u => u.Email, StringComparer.Ordinal).ToList(); } }

    /// <summary>A user by Zoom id or email (the userId path parameter accepts both).</summary>
    public SandboxUser? Find(string idOrEmail)
    {
        lock (_gate)
        {
            if (_users.TryGetValue(idOrEmail, out var byId)) return byId;
            return _users.Values.FirstOrDefault(u => string.Equals(u.Email, idOrEmail, StringComparison.OrdinalIgnoreCase));
        }
    }

    public SandboxUser? FindByPmi(long pmi) { lock (_gate) return _users.Values.FirstOrDefault(u => u.Pmi == pmi); }

    public SandboxUser Add(string email, string first, string last, int type, string status, DateTimeOffset now)
    {
        lock (_gate)
        {
            var user = new SandboxUser
            {
                Id = NewId(), Email = email.ToLowerInvariant(), FirstName = first, LastName = last, Type = type, Status = status,
                Pmi = _nextPmi += 7_919, CreatedAt = now,
            };
            _users[user.Id] = user;
            return user;
        }
    }

    /// <summary>Removes a user and every scheduling privilege that pointed at them.</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            if (!_users.Remove(id)) return false;
            foreach (var u in _users.Values) u.AssistantIds.Remove(id);
            return true;
        }
    }

    public int LicensedCount() { lock (_gate) return _users.Values.Count(u => u.Type == 2 && u.Status != "inactive"); }

    /// <summary>Counts a successful mutating call on a user (stats writesByUser, to detect duplicate writes).</summary>
    public void CountWrite(string userId) => Stats.WritesByUser.AddOrUpdate(userId, 1, (_, n) => n + 1);

    public void Clear()
    {
        lock (_gate) _users.Clear();
        Tokens.Clear();
        while (Mailbox.TryDequeue(out _)) { }
        PageTokens.Clear();
        Script.Clear();
        lock (Meetings) Meetings.Clear();
        Stats.Reset();
    }

    public static string NewId()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return string.Create(22, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }

    /// <summary>Passwords are kept only as salted hashes, never in plain text.</summary>
    public static string HashPassword(string password) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("zoom-sandbox:" + password)));
}
