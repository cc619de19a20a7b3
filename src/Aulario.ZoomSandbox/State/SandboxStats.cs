using System.Collections.Concurrent;

namespace Aulario.ZoomSandbox;

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
