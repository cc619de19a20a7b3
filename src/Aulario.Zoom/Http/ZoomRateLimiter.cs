using System.Globalization;
using Microsoft.Extensions.Options;

namespace Aulario.Zoom.Http;

/// <summary>
/// Client-side limiter per rate-limit label, shaped like Zoom's own counting: fixed one-second windows aligned to whole UTC
/// seconds (on the <see cref="TimeProvider"/> clock), at most the label's per-second limit sent per window. A bucket refilled on
/// its own timer is misaligned with those windows and either wastes part of each second or bursts two refills into one
/// window. What Zoom says is fed back: <c>X-RateLimit-Remaining</c> of a QPS answer lowers what is left of the current
/// window (other instances and apps share the account's limit), and a 429 of the limit closes the window.
/// </summary>
internal sealed class ZoomRateLimiter : IDisposable
{
    private readonly Dictionary<ZoomRateLimitLabel, Window> _windows = [];
    private readonly TimeProvider _time;
    private readonly int _queueLimit;
    private readonly CancellationTokenSource _disposed = new();

    public ZoomRateLimiter(IOptions<ZoomOptions> options, TimeProvider time)
    {
        _time = time;
        _queueLimit = options.Value.RateLimitQueueLimit;
        foreach (var label in Enum.GetValues<ZoomRateLimitLabel>())
            _windows[label] = new Window(options.Value.PerSecond(label));
    }

    /// <summary>Waits for a permit of the label; returns the window (UTC second) it was granted in, for <see cref="Observe"/>.</summary>
    public async ValueTask<long> AcquireAsync(ZoomRateLimitLabel label, CancellationToken ct)
    {
        var window = _windows[label];
        var queued = false;
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (window)
                {
                    var now = _time.GetUtcNow();
                    var second = WindowOf(now);
                    window.Roll(second);
                    if (window.Used < window.Limit)
                    {
                        window.Used++;
                        if (queued) { window.Waiting--; queued = false; }
                        return second;
                    }
                    if (!queued)
                    {
                        if (window.Waiting >= _queueLimit) throw new ZoomApiException(ZoomError.LocalQueueFull(label));
                        window.Waiting++;
                        queued = true;
                    }
                    // Woken a hair early (wall clock vs timer clock), the loop just waits the rest.
                    wait = StartOf(second + 1) - now;
                }
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposed.Token);
                await Task.Delay(wait, _time, linked.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            if (queued) lock (window) window.Waiting--;
        }
    }

    /// <summary>
    /// What Zoom's answer to a call sent in <paramref name="sentIn"/> says about the label's current window. Only answers received
    /// in the window they were sent in are used: the server counted them in that same window.
    /// </summary>
    public void Observe(ZoomRateLimitLabel label, long sentIn, HttpResponseMessage response)
    {
        if (!string.Equals(Header(response, "X-RateLimit-Type"), "QPS", StringComparison.OrdinalIgnoreCase)) return;
        var window = _windows[label];
        lock (window)
        {
            var second = WindowOf(_time.GetUtcNow());
            if (second != sentIn) return;
            window.Roll(second);
            if (int.TryParse(Header(response, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining))
                window.Used = Math.Max(window.Used, window.Limit - Math.Max(remaining, 0));
            else if ((int)response.StatusCode == 429 && response.Headers.Contains("X-RateLimit-Limit"))
                window.Used = window.Limit;
        }
    }

    /// <summary>
    /// The time a per-second 429 should be retried at: the start of the window after the one the call was sent in. Counting from
    /// the window the answer arrived in would lose a whole second whenever a slow answer crosses a window boundary.
    /// </summary>
    public static DateTimeOffset WindowAfter(long sentIn) => StartOf(sentIn + 1);

    private static long WindowOf(DateTimeOffset t) => (long)Math.Floor(t.ToUnixTimeMilliseconds() / 1000.0);

    private static DateTimeOffset StartOf(long second) => DateTimeOffset.FromUnixTimeSeconds(second);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose()
    {
        // Not disposed: a call still in flight at shutdown may link to it; cancelling wakes every waiter.
        _disposed.Cancel();
    }

    private sealed class Window(int limit)
    {
        public int Limit { get; } = limit;
        public long Second { get; private set; } = long.MinValue;
        public int Used { get; set; }
        public int Waiting { get; set; }

        public void Roll(long second)
        {
            if (second == Second) return;
            Second = second;
            Used = 0;
        }
    }
}
