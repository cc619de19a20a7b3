namespace Aulario.ZoomSandbox;

/// <summary>The queue of scripted faults: each fault is taken by the first request (in order) that it matches.</summary>
public sealed class FaultScript
{
    private readonly object _gate = new();
    private readonly List<ScriptedFault> _faults = [];

    public int Count { get { lock (_gate) return _faults.Count; } }

    public void Enqueue(IEnumerable<ScriptedFault> faults) { lock (_gate) _faults.AddRange(faults); }

    public ScriptedFault? TryTake(string method, string path)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Matches(method, path));
            if (index < 0) return null;
            var fault = _faults[index];
            _faults.RemoveAt(index);
            return fault;
        }
    }

    public void Clear() { lock (_gate) _faults.Clear(); }
}
