using System.Diagnostics;
using System.Net;
using Aulario.Zoom.Http;
using Aulario.Zoom.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aulario.Zoom.Tests;

/// <summary>The client's limiter against the sandbox's Zoom-like one-second windows: the whole limit used, no 429 of the limit, no extra second after a per-second 429.</summary>
public sealed class RateLimitWindowTests
{
    [Fact]
    public async Task ConcurrentCalls_FillEachOfZoomsOneSecondWindows_WithoutA429FromTheLimit()
    {
        await using var host = await ZoomTestHost.StartAsync(o => o.RateLimits.Medium = 10, sandbox: s => s.MediumPerSecond = 10);
        var user = host.AddUser("ventanas@" + ZoomTestHost.ManagedDomain);
        await host.Client.Settings.GetAsync(user.Id); // token fetched, first window used once
        host.Sandbox.State.Stats.Reset();
        // Start early in a window, so the first window's calls do not reach the sandbox in the next one.
        while (DateTimeOffset.UtcNow.Millisecond > 300) await Task.Delay(5);

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 35).Select(_ => host.Client.Settings.GetAsync(user.Id)));
        var elapsed = clock.Elapsed;

        Assert.Equal(0, host.Sandbox.State.Stats.Throttled429);
        Assert.Equal(35, host.Sandbox.State.Stats.RequestsByLabel["Medium"]);
        // 35 calls at 10 per window need at least the start of the 4th window after the first (≥ 2 s away) and, using every
        // window fully, no more than about 4 s (a bucket refilled on its own timer, or a back-off after 429s, takes longer).
        Assert.True(elapsed >= TimeSpan.FromSeconds(2), $"took {elapsed}");
        Assert.True(elapsed < TimeSpan.FromSeconds(4.5), $"took {elapsed}");
    }

    [Fact]
    public async Task PerSecond429_WithRetryAfterOneSecond_IsRetriedAtTheNextWindow_NotASecondPlusJitterLater()
    {
        var time = Clock.NewFake(); // 12:00:00.000
        await using var host = await ZoomTestHost.StartAsync(o => { o.Retry.BaseDelay = TimeSpan.FromSeconds(1); o.Retry.MaxDelay = TimeSpan.FromSeconds(10); }, time: time);
        var user = host.AddUser("ventana-siguiente@" + ZoomTestHost.ManagedDomain);
        time.Advance(TimeSpan.FromMilliseconds(600));
        await host.ScriptAsync(new { status = 429, type = "QPS", retryAfter = "1" });

        var settings = await Clock.RunAsync(time, host.Client.Settings.GetAsync(user.Id));

        Assert.NotNull(settings);
        Assert.Equal(2, host.Recorder.Requests.Count(r => r.Uri.AbsolutePath.EndsWith("/settings", StringComparison.Ordinal)));
        var now = time.GetUtcNow();
        Assert.True(now >= new DateTimeOffset(2026, 3, 10, 12, 0, 1, TimeSpan.Zero), $"retried at {now:HH:mm:ss.fff}, before the next window");
        Assert.True(now < new DateTimeOffset(2026, 3, 10, 12, 0, 1, 400, TimeSpan.Zero), $"retried at {now:HH:mm:ss.fff}: backed off past the next window");
    }

    [Fact]
    public async Task RemainingHeaderOfAQpsAnswer_LowersWhatIsLeftOfTheWindow_AndA429OfTheLimitClosesIt()
    {
        var time = Clock.NewFake();
        using var limiter = new ZoomRateLimiter(Options.Create(new ZoomOptions { RateLimits = { Medium = 10 } }), time);

        var window = await limiter.AcquireAsync(ZoomRateLimitLabel.Medium, CancellationToken.None);
        // Another instance of the app shares the account: Zoom says only 2 calls are left in this second.
        using var ok = Answer(HttpStatusCode.OK, remaining: "2");
        limiter.Observe(ZoomRateLimitLabel.Medium, window, ok);
        await limiter.AcquireAsync(ZoomRateLimitLabel.Medium, CancellationToken.None);
        await limiter.AcquireAsync(ZoomRateLimitLabel.Medium, CancellationToken.None);
        var held = limiter.AcquireAsync(ZoomRateLimitLabel.Medium, CancellationToken.None).AsTask();
        Assert.False(held.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        var next = await held.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(window + 1, next);
        using var limited = Answer(HttpStatusCode.TooManyRequests, remaining: "0");
        limiter.Observe(ZoomRateLimitLabel.Medium, next, limited);
        Assert.False(limiter.AcquireAsync(ZoomRateLimitLabel.Medium, CancellationToken.None).AsTask().IsCompleted);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string remaining)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.Add("X-RateLimit-Type", "QPS");
        response.Headers.Add("X-RateLimit-Limit", "10");
        response.Headers.Add("X-RateLimit-Remaining", remaining);
        return response;
    }
}
