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
        // One fake clock for the client and the sandbox: the windows are Zoom's whole UTC seconds on both sides and no call can
        // drift into the next window in transit, so the test says exactly what the limiter does in each window.
        var time = Clock.NewFake(); // 12:00:00.000
        await using var host = await ZoomTestHost.StartAsync(o => o.RateLimits.Medium = 10, sandbox: s => s.MediumPerSecond = 10, time: time);
        var user = host.AddUser("ventanas@" + ZoomTestHost.ManagedDomain);
        await host.Client.Settings.GetAsync(user.Id); // token fetched, window 12:00:00 used once
        time.Advance(TimeSpan.FromSeconds(1));      // 12:00:01.000, a fresh window
        host.Sandbox.State.Stats.Reset();

        var calls = Task.WhenAll(Enumerable.Range(0, 35).Select(_ => host.Client.Settings.GetAsync(user.Id)));
        foreach (var expected in new[] { 10, 20, 30, 35 })
        {
            // Each window gets exactly its 10 calls (the last one the remaining 5), then nothing more until the clock moves on.
            await WaitForAsync(() => Medium(host) >= expected, $"{expected} calls by {time.GetUtcNow():HH:mm:ss}");
            await Task.Delay(150);
            Assert.Equal(expected, Medium(host));
            Assert.Equal(0, host.Sandbox.State.Stats.Throttled429);
            if (expected < 35) time.Advance(TimeSpan.FromSeconds(1));
        }
        await calls;
        Assert.Equal(0, host.Sandbox.State.Stats.Throttled429);
    }

    private static int Medium(ZoomTestHost host) => host.Sandbox.State.Stats.RequestsByLabel.GetValueOrDefault("Medium");

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task PerSecond429_WithRetryAfterOneSecond_IsRetriedAtTheNextWindow_NotASecondPlusJitterLater()
    {
        // The clock stands still while the first call is in flight and then moves in 10 ms steps, so how fast this machine is
        // cannot move the retry into another window: the test reads the fake time at which the retry left the client.
        var time = Clock.NewFake(); // 12:00:00.000
        await using var host = await ZoomTestHost.StartAsync(o => { o.Retry.BaseDelay = TimeSpan.FromSeconds(1); o.Retry.MaxDelay = TimeSpan.FromSeconds(10); }, time: time);
        var user = host.AddUser("ventana-siguiente@" + ZoomTestHost.ManagedDomain);
        await host.Client.Settings.GetAsync(user.Id); // token fetched; no waits, so the frozen clock is enough
        time.Advance(TimeSpan.FromMilliseconds(600)); // 12:00:00.600
        await host.ScriptAsync(new { status = 429, type = "QPS", retryAfter = "1" });

        var call = host.Client.Settings.GetAsync(user.Id);
        await WaitForAsync(() => host.Sandbox.State.Stats.InjectedFaults == 1, "the scripted 429 to be served");
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 12, 0, 0, 600, TimeSpan.Zero), time.GetUtcNow());
        DateTimeOffset? retriedBy = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (retriedBy is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no retry by {time.GetUtcNow():HH:mm:ss.fff}");
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(5);
            if (SettingsCalls(host) == 3) retriedBy = time.GetUtcNow();
        }
        var settings = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.NotNull(settings);
        Assert.Equal(3, SettingsCalls(host));
        Assert.True(retriedBy >= new DateTimeOffset(2026, 3, 10, 12, 0, 1, TimeSpan.Zero), $"retried by {retriedBy:HH:mm:ss.fff}, before the next window");
        Assert.True(retriedBy < new DateTimeOffset(2026, 3, 10, 12, 0, 1, 400, TimeSpan.Zero), $"retried by {retriedBy:HH:mm:ss.fff}: backed off past the next window");
    }

    private static int SettingsCalls(ZoomTestHost host) =>
        host.Recorder.Requests.Count(r => r.Uri.AbsolutePath.EndsWith("/settings", StringComparison.Ordinal));

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
