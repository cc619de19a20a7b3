using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Zoom.Http;
using Aulario.Zoom.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aulario.Zoom.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Qps429_RetryAfterInSeconds_WaitsThatLongThenSucceeds()
    {
        var time = Clock.NewFake();
        await using var host = await ZoomTestHost.StartAsync(time: time);
        var user = host.AddUser("qps-seconds@" + ZoomTestHost.ManagedDomain);
        await host.ScriptAsync(new { status = 429, type = "QPS", retryAfter = "2" });
        var start = time.GetUtcNow();

        var found = await Clock.RunAsync(time, host.Client.Users.GetAsync(user.Id));

        Assert.Equal(user.Email, found.Email);
        Assert.True(time.GetUtcNow() - start >= TimeSpan.FromSeconds(2), "the client must wait Retry-After (2 s) before retrying");
        Assert.Equal(2, host.Recorder.Requests.Count(r => r.Uri.AbsolutePath.EndsWith(user.Id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Qps429_RetryAfterAsDate_WaitsUntilThatTimeThenSucceeds()
    {
        var time = Clock.NewFake();
        await using var host = await ZoomTestHost.StartAsync(time: time);
        var user = host.AddUser("qps-date@" + ZoomTestHost.ManagedDomain);
        await host.ScriptAsync(new { status = 429, type = "QPS", retryAfterDate = true }); // Retry-After: now + 1 s as ISO-8601
        var start = time.GetUtcNow();

        var found = await Clock.RunAsync(time, host.Client.Users.GetAsync(user.Id));

        Assert.Equal(user.Id, found.Id);
        Assert.True(time.GetUtcNow() - start >= TimeSpan.FromSeconds(1), "the client must wait until the Retry-After date");
        Assert.Equal(2, host.Recorder.Requests.Count);
    }

    [Fact]
    public async Task Qps429_RetryAfterBeyondMaxRetryAfter_ReportsRateLimitedWithoutRetrying()
    {
        var time = Clock.NewFake();
        await using var host = await ZoomTestHost.StartAsync(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(15), time: time);
        var user = host.AddUser("qps-far@" + ZoomTestHost.ManagedDomain);
        await host.ScriptAsync(new { status = 429, type = "QPS", retryAfter = "120" });

        var result = await host.Provider.GetUserAsync(user.Id);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorKind.RateLimited, error.Kind);
        Assert.Equal(ProviderErrorCodes.RateLimited, error.Code);
        Assert.Equal(time.GetUtcNow().AddSeconds(120), error.RetryAt);
        Assert.Single(host.Recorder.Requests);
    }

    [Fact]
    public async Task DailyLimit429_StopsWithoutRetry_AndReportsResetTime()
    {
        var time = Clock.NewFake();
        await using var host = await ZoomTestHost.StartAsync(time: time);
        await host.ScriptAsync(new { status = 429, type = "Daily-limit" });

        var result = await host.Provider.CreateUserAsync(new NewProviderUser(
            "diario@" + ZoomTestHost.ManagedDomain, "Ana", "Diaria", Core.Accounts.LicenseType.Licensed, CreateMode.Create));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorKind.RateLimited, error.Kind);
        Assert.Equal(ProviderErrorCodes.DailyLimit, error.Code);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero), error.RetryAt);
        Assert.Contains("límite diario", error.Message, StringComparison.Ordinal);
        Assert.Single(host.Recorder.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal(0, await host.CreatesOfAsync("diario@" + ZoomTestHost.ManagedDomain));
    }

    [Fact]
    public async Task DailyCreateCapReached_StopsWithDailyLimitError()
    {
        await using var host = await ZoomTestHost.StartAsync(sandbox: s => s.DailyCreateCap = 1);
        var first = await host.Provider.CreateUserAsync(new NewProviderUser(
            "uno@" + ZoomTestHost.ManagedDomain, "Uno", "Primero", Core.Accounts.LicenseType.Basic, CreateMode.Create));
        Assert.True(first.IsSuccess);

        var second = await host.Provider.CreateUserAsync(new NewProviderUser(
            "dos@" + ZoomTestHost.ManagedDomain, "Dos", "Segundo", Core.Accounts.LicenseType.Basic, CreateMode.Create));

        var error = Assert.Single(second.Errors);
        Assert.Equal(ProviderErrorCodes.DailyLimit, error.Code);
        Assert.NotNull(error.RetryAt);
        Assert.Equal(2, host.Recorder.Requests.Count(r => r.Method == HttpMethod.Post));
    }

    [Fact]
    public async Task ClientLimiter_HoldsCallsBeyondTheLabelsPerSecondLimit_UntilTheNextSecond()
    {
        var time = Clock.NewFake();
        var options = Options.Create(new ZoomOptions { Plan = ZoomPlan.Free }); // Light 4/s, Medium 2/s, Heavy 1/s
        using var limiter = new ZoomRateLimiter(options, time);

        await limiter.AcquireAsync(ZoomRateLimitLabel.Medium, CancellationToken.None);
        await limiter.AcquireAsync(ZoomRateLimitLabel.Medium, CancellationToken.None);
        var third = limiter.AcquireAsync(ZoomRateLimitLabel.Medium, CancellationToken.None).AsTask();
        var light = limiter.AcquireAsync(ZoomRateLimitLabel.Light, CancellationToken.None).AsTask();

        Assert.False(third.IsCompleted);
        Assert.True(light.IsCompletedSuccessfully, "labels are limited separately");
        time.Advance(TimeSpan.FromSeconds(1));
        var done = await Task.WhenAny(third, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(third, done);
        await third;
    }
}
