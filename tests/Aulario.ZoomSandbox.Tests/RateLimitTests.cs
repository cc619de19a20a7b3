using System.Net;
using Aulario.ZoomSandbox.Tests.Infrastructure;

namespace Aulario.ZoomSandbox.Tests;

public sealed class RateLimitTests
{
    private static string Header(HttpResponseMessage r, string name) => string.Join(",", r.Headers.GetValues(name));

    [Fact]
    public async Task Every_api_response_carries_zoom_rate_limit_headers_for_its_label()
    {
        await using var host = await SandboxHost.StartAsync(o => { o.LightPerSecond = 30; o.MediumPerSecond = 20; });
        var id = await host.AutoCreateAsync("aula1");
        using var light = await host.Http.GetAsync($"v2/users/{id}");
        Assert.Equal("Light", Header(light, "X-RateLimit-Category"));
        Assert.Equal("QPS", Header(light, "X-RateLimit-Type"));
        Assert.Equal("30", Header(light, "X-RateLimit-Limit"));
        Assert.Equal("28", Header(light, "X-RateLimit-Remaining")); // the autoCreate used one Light request in this second
        using var medium = await host.Http.GetAsync("v2/users");
        Assert.Equal("Medium", Header(medium, "X-RateLimit-Category"));
        Assert.Equal("20", Header(medium, "X-RateLimit-Limit"));
        Assert.Equal("19", Header(medium, "X-RateLimit-Remaining"));
        using var missing = await host.Http.GetAsync("v2/users/nadie@otra.edu.ar");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True(missing.Headers.Contains("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Exceeding_the_per_second_limit_gives_429_qps_until_the_second_rolls_over()
    {
        await using var host = await SandboxHost.StartAsync(o => o.MediumPerSecond = 3);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await host.Http.GetAsync("v2/users");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await host.Http.GetAsync("v2/users");
        await SandboxHost.AssertZoomErrorAsync(limited, 429, 429);
        Assert.Equal("You have reached the maximum per-second rate limit for this API. Try again later.",
            (await SandboxHost.ReadJsonAsync(limited)).GetProperty("message").GetString());
        Assert.Equal("QPS", Header(limited, "X-RateLimit-Type"));
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        Assert.Equal("1", Header(limited, "Retry-After"));

        // Limits are per label: a Light call in the same second still passes.
        using (var light = await host.Http.GetAsync("v2/users/summary")) Assert.Equal(HttpStatusCode.OK, light.StatusCode);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        using var next = await host.Http.GetAsync("v2/users");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(1, host.Server.State.Stats.Throttled429);
    }

    [Fact]
    public async Task The_daily_create_cap_answers_429_with_an_iso_retry_after_and_resets_at_midnight_utc()
    {
        await using var host = await SandboxHost.StartAsync(o => { o.DailyCreateCap = 2; o.TokenLifetime = TimeSpan.FromDays(2); });
        for (var i = 0; i < 2; i++)
        {
            using var created = await host.CreateUserAsync("create", $"p{i}@otra.edu.ar");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("Daily-limit", Header(created, "X-RateLimit-Type"));
            Assert.Equal("2", Header(created, "X-RateLimit-Limit"));
            Assert.Equal((1 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), Header(created, "X-RateLimit-Remaining"));
        }
        using var capped = await host.CreateUserAsync("create", "p2@otra.edu.ar");
        await SandboxHost.AssertZoomErrorAsync(capped, 429, 429);
        Assert.Equal("Daily-limit", Header(capped, "X-RateLimit-Type"));
        Assert.Equal("2026-05-13T00:00:00Z", Header(capped, "Retry-After"));
        Assert.Null(host.Server.State.Find("p2@otra.edu.ar"));

        // autoCreate is not under the create cap.
        using (var auto = await host.CreateUserAsync("autoCreate", "auto@" + SandboxHost.ManagedDomain, 2, "Aulario2026x")) Assert.Equal(HttpStatusCode.Created, auto.StatusCode);

        host.Time.Advance(TimeSpan.FromHours(11));
        using var nextDay = await host.CreateUserAsync("create", "p2@otra.edu.ar");
        Assert.Equal(HttpStatusCode.Created, nextDay.StatusCode);
        Assert.Equal(1, host.Server.State.Stats.Daily429);
    }

    [Fact]
    public async Task A_daily_label_cap_set_at_run_time_applies_to_that_label()
    {
        await using var host = await SandboxHost.StartAsync();
        using (var set = await host.Http.PostControlAsync("_sandbox/limits", new { dailyMediumCap = 1 })) Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        using (var first = await host.Http.GetAsync("v2/users"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("Daily-limit", Header(first, "X-RateLimit-Type"));
        }
        host.Time.Advance(TimeSpan.FromMinutes(5));
        using var second = await host.Http.GetAsync("v2/users");
        await SandboxHost.AssertZoomErrorAsync(second, 429, 429);
        Assert.Equal("2026-05-13T00:00:00Z", Header(second, "Retry-After"));
        Assert.True(DateTimeOffset.TryParse(Header(second, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _));
    }
}
