using System.Net;
using Aulario.ZoomSandbox.Tests.Infrastructure;

namespace Aulario.ZoomSandbox.Tests;

public sealed class FaultTests
{
    private static string Header(HttpResponseMessage r, string name) => string.Join(",", r.Headers.GetValues(name));

    [Fact]
    public async Task Scripted_faults_are_answered_in_order_then_requests_pass()
    {
        await using var host = await SandboxHost.StartAsync();
        using (var script = await host.Http.PostControlAsync("_sandbox/faults/script", new object[]
        {
            new { status = 429, type = "QPS", retryAfter = "2" },
            new { status = 429, retryAfterDate = true },
            new { status = 503 },
        })) Assert.Equal(HttpStatusCode.NoContent, script.StatusCode);

        using var qps = await host.Http.GetAsync("v2/users");
        await SandboxHost.AssertZoomErrorAsync(qps, 429, 429);
        Assert.Equal("QPS", Header(qps, "X-RateLimit-Type"));
        Assert.Equal("2", Header(qps, "Retry-After"));

        using var daily = await host.Http.GetAsync("v2/users");
        await SandboxHost.AssertZoomErrorAsync(daily, 429, 429);
        Assert.Equal("Daily-limit", Header(daily, "X-RateLimit-Type"));
        Assert.Equal("2026-05-13T00:00:00Z", Header(daily, "Retry-After"));

        using var unavailable = await host.Http.GetAsync("v2/users");
        await SandboxHost.AssertZoomErrorAsync(unavailable, 503, 503);

        using var ok = await host.Http.GetAsync("v2/users");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(3, host.Server.State.Stats.InjectedFaults);
    }

    [Fact]
    public async Task A_scripted_fault_waits_for_the_request_it_matches()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = await host.AutoCreateAsync("aula1");
        host.Server.Control.Enqueue(new ScriptedFault { Status = 500, PathPrefix = "/v2/users/", Method = "PATCH" });
        using (var get = await host.Http.GetAsync($"v2/users/{id}")) Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using (var list = await host.Http.GetAsync("v2/users")) Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using (var patch = await host.PatchJsonAsync($"v2/users/{id}", new { dept = "Aulas" })) await SandboxHost.AssertZoomErrorAsync(patch, 500, 500);
        Assert.NotEqual("Aulas", host.Server.State.Find(id)!.Dept);
        using (var retry = await host.PatchJsonAsync($"v2/users/{id}", new { dept = "Aulas" })) Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        Assert.Equal("Aulas", host.Server.State.Find(id)!.Dept);
    }

    [Fact]
    public async Task A_delay_holds_the_reply_until_the_sandbox_clock_passes_it()
    {
        await using var host = await SandboxHost.StartAsync();
        using (var script = await host.Http.PostControlAsync("_sandbox/faults/script", new[] { new { delay = "00:00:05" } })) Assert.Equal(HttpStatusCode.NoContent, script.StatusCode);
        var pending = host.Http.GetAsync("v2/users");
        while (host.Server.State.Stats.InjectedFaults == 0) await Task.Delay(10);
        Assert.False(pending.IsCompleted);
        host.Time.Advance(TimeSpan.FromSeconds(5));
        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_scripted_timeout_answers_504_after_its_delay()
    {
        await using var host = await SandboxHost.StartAsync();
        host.Server.Control.Enqueue(new ScriptedFault { Status = 504, Delay = TimeSpan.FromSeconds(30) });
        var pending = host.Http.GetAsync("v2/users");
        while (host.Server.State.Stats.InjectedFaults == 0) await Task.Delay(10);
        host.Time.Advance(TimeSpan.FromSeconds(30));
        using var response = await pending;
        await SandboxHost.AssertZoomErrorAsync(response, 504, 504);
    }

    [Fact]
    public async Task Random_faults_set_at_run_time_hit_api_calls_but_not_the_token_endpoint()
    {
        await using var host = await SandboxHost.StartAsync();
        using (var set = await host.Http.PostControlAsync("_sandbox/faults", new { probability5xx = 1.0 })) Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        for (var i = 0; i < 5; i++)
        {
            using var response = await host.Http.GetAsync("v2/users");
            Assert.Contains((int)response.StatusCode, new[] { 500, 503 });
        }
        Assert.False(string.IsNullOrEmpty(await host.RequestTokenAsync()));
        using (var off = await host.Http.PostControlAsync("_sandbox/faults", new { probability5xx = 0.0 })) Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        using var ok = await host.Http.GetAsync("v2/users");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using var invalid = await host.Http.PostControlAsync("_sandbox/faults", new { probability429 = 2.0 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task A_malformed_script_is_refused()
    {
        await using var host = await SandboxHost.StartAsync();
        using var response = await host.Http.PostAsync("_sandbox/faults/script", SandboxHost.Json("not a fault"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, host.Server.State.Script.Count);
    }
}
