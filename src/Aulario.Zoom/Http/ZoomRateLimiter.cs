using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Aulario.Zoom.Http;

/// <summary>
/// Client-side limiter per rate-limit label: a token bucket refilled every second with the label's per-second limit.
/// Refills run on a <see cref="TimeProvider"/> timer so tests can drive time.
/// </summary>
internal sealed class ZoomRateLimiter : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly Dictionary<ZoomRateLimitLabel, TokenBucketRateLimiter> _limiters = [];
    private readonly ITimer _timer;

    public ZoomRateLimiter(IOptions<ZoomOptions> options, TimeProvider time)
    {
        foreach (var label in Enum.GetValues<ZoomRateLimitLabel>())
        {
            var perSecond = options.Value.PerSecond(label);
            _limiters[label] = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                // Refills come from the TimeProvider timer below (every second). The limiter itself must not
                // also require a second of wall-clock time between refills, so its own period is minimal.
                ReplenishmentPeriod = TimeSpan.FromTicks(1),
                AutoReplenishment = false,
                QueueLimit = options.Value.RateLimitQueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
        _timer = time.CreateTimer(_ => Replenish(), null, Period, Period);
    }

    /// <summary>Waits for a permit of the label.</summary>
    public async ValueTask AcquireAsync(ZoomRateLimitLabel label, CancellationToken ct)
    {
        using var lease = await _limiters[label].AcquireAsync(1, ct).ConfigureAwait(false);
        if (!lease.IsAcquired)
            throw new ZoomApiException(ZoomError.LocalQueueFull(label));
    }

    private void Replenish()
    {
        foreach (var limiter in _limiters.Values) limiter.TryReplenish();
    }

    public void Dispose()
    {
        _timer.Dispose();
        foreach (var limiter in _limiters.Values) limiter.Dispose();
    }
}
