namespace Aulario.ZoomSandbox.RateLimiting;

/// <summary>
/// Account-wide per-label limits: requests per second (fixed one-second windows on the sandbox clock) and per UTC day,
/// like Zoom counts them. Returns what the response headers must say.
/// </summary>
public sealed class SandboxLimits(ZoomSandboxOptions options, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (long Second, int Count)> _perSecond = new();
    private readonly Dictionary<string, (DateOnly Day, int Count)> _perDay = new();

    public sealed record Decision(bool Allowed, string Type, int Limit, int Remaining, DateTimeOffset? DailyReset);

    public Decision Check(string label)
    {
        var now = time.GetUtcNow();
        var perSecond = PerSecond(label);
        var perDay = PerDay(label);
        lock (_gate)
        {
            var day = DateOnly.FromDateTime(now.UtcDateTime);
            var daily = _perDay.TryGetValue(label, out var d) && d.Day == day ? d.Count : 0;
            if (perDay > 0 && daily >= perDay)
                return new Decision(false, "Daily-limit", perDay, 0, NextMidnight(now));
            var second = now.ToUnixTimeSeconds();
            var count = _perSecond.TryGetValue(label, out var s) && s.Second == second ? s.Count : 0;
            if (count >= perSecond)
                return new Decision(false, "QPS", perSecond, 0, null);
            _perSecond[label] = (second, count + 1);
            _perDay[label] = (day, daily + 1);
            return perDay > 0
                ? new Decision(true, "Daily-limit", perDay, perDay - daily - 1, null)
                : new Decision(true, "QPS", perSecond, perSecond - count - 1, null);
        }
    }

    /// <summary>The extra daily cap of POST /users action=create.</summary>
    public Decision CheckCreate()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var day = DateOnly.FromDateTime(now.UtcDateTime);
            var used = _perDay.TryGetValue("create", out var d) && d.Day == day ? d.Count : 0;
            if (used >= options.DailyCreateCap) return new Decision(false, "Daily-limit", options.DailyCreateCap, 0, NextMidnight(now));
            _perDay["create"] = (day, used + 1);
            return new Decision(true, "Daily-limit", options.DailyCreateCap, options.DailyCreateCap - used - 1, null);
        }
    }

    public void Reset() { lock (_gate) { _perSecond.Clear(); _perDay.Clear(); } }

    public static DateTimeOffset NextMidnight(DateTimeOffset now) => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);

    private int PerSecond(string label) => label switch
    {
        "Medium" => options.MediumPerSecond,
        "Heavy" => options.HeavyPerSecond,
        _ => options.LightPerSecond,
    };

    private int PerDay(string label) => label switch
    {
        "Medium" => options.DailyMediumCap,
        "Heavy" => options.DailyHeavyCap,
        _ => options.DailyLightCap,
    };
}
