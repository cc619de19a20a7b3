using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Aulario.ZoomSandbox;

/// <summary>Zoom's meeting_password_requirement.</summary>
public sealed class SandboxPasscodeRequirement
{
    public int Length { get; set; }
    public bool HaveLetter { get; set; }
    public bool HaveNumber { get; set; }
    public bool HaveSpecialCharacter { get; set; }
    public bool HaveUpperAndLowerCharacters { get; set; }
    public bool OnlyAllowNumeric { get; set; }
    public int ConsecutiveCharactersLength { get; set; }
    public bool WeakEnhanceDetection { get; set; }
}

public sealed class SandboxUser
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public int Type { get; set; } = 1;
    public string Status { get; set; } = "active";
    public long Pmi { get; set; }
    public string? PasswordHash { get; set; }
    public string Timezone { get; set; } = "America/Argentina/Buenos_Aires";
    public string? Dept { get; set; }
    public string Language { get; set; } = "es-ES";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastLoginTime { get; set; }
    public string? PmiPassword { get; set; }
    public bool EmbedPasswordInJoinLink { get; set; } = true;
    public string RequirePasswordForPmiMeetings { get; set; } = "all";
    public SandboxPasscodeRequirement Requirement { get; set; } = new();
    public List<string> AssistantIds { get; } = [];
    public string? ActivationToken { get; set; }
    public DateTimeOffset? InvitationExpiresAt { get; set; }
    public int LoginType { get; set; } = 100;

    public string DisplayName => $"{FirstName} {LastName}".Trim();
}

public sealed record SandboxMail(string Id, string To, string Subject, string? ActivationUrl, DateTimeOffset SentAt, string Body);

public sealed record SandboxMeeting(long Id, string Uuid, string HostId, string Topic, DateTimeOffset StartTime, int DurationMinutes,
    IReadOnlyList<SandboxParticipant> Participants, IReadOnlyList<SandboxRecordingFile> Recordings);

public sealed record SandboxParticipant(string Id, string Name, string Email, DateTimeOffset JoinTime, DateTimeOffset LeaveTime);

public sealed record SandboxRecordingFile(string Id, string FileType, string Extension, long Size, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A response forced by a test or by the control endpoint.</summary>
public sealed class ScriptedFault
{
    public int? Status { get; set; }
    /// <summary>"QPS" or "Daily-limit" for 429s.</summary>
    public string? Type { get; set; }
    /// <summary>Retry-After in seconds, as sent.</summary>
    public string? RetryAfter { get; set; }
    /// <summary>Send Retry-After as an ISO-8601 date (next 00:00 UTC for daily limits, else now + 1 s).</summary>
    public bool RetryAfterDate { get; set; }
    public TimeSpan? Delay { get; set; }
    public string? PathPrefix { get; set; }
    public string? Method { get; set; }
}

/// <summary>The sandbox's whole in-memory state. All members are thread-safe.</summary>
public sealed class SandboxState
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SandboxUser> _users = new(StringComparer.Ordinal);
    private long _nextPmi = 8_100_000_000;

    public ConcurrentDictionary<string, DateTimeOffset> Tokens { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<SandboxMail> Mailbox { get; } = new();
    public ConcurrentDictionary<string, (string Status, int Position, int PageSize, DateTimeOffset Expires)> PageTokens { get; } = new();
    public List<SandboxMeeting> Meetings { get; } = [];
    public SandboxStats Stats { get; } = new();
    public ConcurrentQueue<ScriptedFault> Script { get; } = new();
    public HashSet<string> ForeignEmails { get; } = new(StringComparer.OrdinalIgnoreCase);

    public object Gate => _gate;

    public IReadOnlyList<SandboxUser> Users { get { lock (_gate) return _users.Values.OrderBy(u => u.CreatedAt).ThenBy(u => u.Email, StringComparer.Ordinal).ToList(); } }

    public SandboxUser? Find(string idOrEmail)
    {
        lock (_gate)
        {
            if (_users.TryGetValue(idOrEmail, out var byId)) return byId;
            return _users.Values.FirstOrDefault(u => string.Equals(u.Email, idOrEmail, StringComparison.OrdinalIgnoreCase));
        }
    }

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

    public bool Remove(string id) { lock (_gate) return _users.Remove(id); }

    public void Clear()
    {
        lock (_gate) _users.Clear();
        Tokens.Clear();
        while (Mailbox.TryDequeue(out _)) { }
        PageTokens.Clear();
        while (Script.TryDequeue(out _)) { }
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

    public static string HashPassword(string password) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("zoom-sandbox:" + password)));
}

/// <summary>Counters exposed at /_sandbox/stats.</summary>
public sealed class SandboxStats
{
    public int TokenRequests;
    public int Throttled429;
    public int Daily429;
    public int InjectedFaults;
    public ConcurrentDictionary<string, int> RequestsByLabel { get; } = new();
    public ConcurrentDictionary<string, int> RequestsByPathAndMethod { get; } = new();
    /// <summary>Successful mutating calls per user id (to detect duplicate writes).</summary>
    public ConcurrentDictionary<string, int> WritesByUser { get; } = new();
    public ConcurrentDictionary<string, int> UsersCreatedByEmail { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Reset()
    {
        TokenRequests = 0; Throttled429 = 0; Daily429 = 0; InjectedFaults = 0;
        RequestsByLabel.Clear(); RequestsByPathAndMethod.Clear(); WritesByUser.Clear(); UsersCreatedByEmail.Clear();
    }

    public object Snapshot() => new
    {
        TokenRequests, Throttled429, Daily429, InjectedFaults,
        RequestsByLabel = RequestsByLabel.ToDictionary(), RequestsByPathAndMethod = RequestsByPathAndMethod.ToDictionary(),
        WritesByUser = WritesByUser.ToDictionary(), UsersCreatedByEmail = UsersCreatedByEmail.ToDictionary(),
    };
}
