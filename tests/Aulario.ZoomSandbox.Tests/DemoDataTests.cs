using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Aulario.ZoomSandbox.Tests.Infrastructure;

namespace Aulario.ZoomSandbox.Tests;

public sealed class DemoDataTests
{
    private static string Day(DateTimeOffset t, int days) => DateOnly.FromDateTime(t.UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_demo_account_has_classrooms_pending_invitations_and_an_inactive_user()
    {
        await using var host = await SandboxHost.StartAsync(o => o.SeedDemoData = true);
        var active = await host.GetJsonAsync("v2/users?page_size=300");
        var emails = active.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("email").GetString()!).ToList();
        Assert.InRange(emails.Count, 8, 12);
        Assert.True(emails.Count(e => e.StartsWith("aula", StringComparison.Ordinal)) >= 3);
        Assert.All(emails, e => Assert.EndsWith("@" + SandboxHost.ManagedDomain, e, StringComparison.Ordinal));
        Assert.InRange((await host.GetJsonAsync("v2/users?status=pending")).GetProperty("total_records").GetInt32(), 2, 3);
        Assert.Equal(1, (await host.GetJsonAsync("v2/users?status=inactive")).GetProperty("total_records").GetInt32());
        var mails = await host.GetJsonAsync("_sandbox/api/mailbox");
        Assert.InRange(mails.GetArrayLength(), 2, 3);

        var pendingMail = mails[0];
        using (var activate = await host.Http.PostAsync($"_sandbox/users/{pendingMail.GetProperty("to").GetString()}/activate", null))
            Assert.Equal(HttpStatusCode.NoContent, activate.StatusCode);
        Assert.Equal("active", (await host.GetJsonAsync($"v2/users/{pendingMail.GetProperty("to").GetString()}")).GetProperty("status").GetString());
        using var again = await host.Http.PostAsync($"_sandbox/users/{pendingMail.GetProperty("to").GetString()}/activate", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Reports_and_recordings_need_a_range_of_at_most_one_month()
    {
        await using var host = await SandboxHost.StartAsync(o => o.SeedDemoData = true);
        var now = host.Time.GetUtcNow();
        var hostEmail = "aula101@" + SandboxHost.ManagedDomain;
        using (var missing = await host.Http.GetAsync($"v2/report/users/{hostEmail}/meetings")) await SandboxHost.AssertZoomErrorAsync(missing, 400, 300);
        using (var tooLong = await host.Http.GetAsync($"v2/report/users/{hostEmail}/meetings?from={Day(now, -60)}&to={Day(now, 0)}")) await SandboxHost.AssertZoomErrorAsync(tooLong, 400, 300);
        using (var recTooLong = await host.Http.GetAsync($"v2/users/{hostEmail}/recordings?from={Day(now, -60)}&to={Day(now, 0)}")) await SandboxHost.AssertZoomErrorAsync(recTooLong, 400, 300);

        var total = 0;
        for (var end = 0; end > -90; end -= 30)
        {
            var report = await host.GetJsonAsync($"v2/report/users/{hostEmail}/meetings?from={Day(now, end - 29)}&to={Day(now, end)}");
            total += report.GetProperty("meetings").GetArrayLength();
            foreach (var m in report.GetProperty("meetings").EnumerateArray())
                Assert.True(m.GetProperty("participants_count").GetInt32() >= 2);
        }
        Assert.True(total >= 10, $"expected about three months of classes, got {total}");
    }

    [Fact]
    public async Task Past_participants_and_recording_downloads_with_the_bearer_token()
    {
        await using var host = await SandboxHost.StartAsync(o => o.SeedDemoData = true);
        var now = host.Time.GetUtcNow();
        var meetings = new List<System.Text.Json.JsonElement>();
        foreach (var user in host.Server.State.Users.Where(u => u.Status == "active"))
        {
            for (var end = 0; end > -90; end -= 30)
            {
                var page = await host.GetJsonAsync($"v2/users/{user.Id}/recordings?from={Day(now, end - 29)}&to={Day(now, end)}");
                meetings.AddRange(page.GetProperty("meetings").EnumerateArray());
            }
        }
        Assert.NotEmpty(meetings);
        var meeting = meetings[0];
        var file = meeting.GetProperty("recording_files")[0];
        Assert.True(file.GetProperty("file_size").GetInt64() > 0);
        var download = file.GetProperty("download_url").GetString()!;
        Assert.StartsWith(host.Server.BaseUrl.ToString(), download, StringComparison.Ordinal);

        using (var anonymous = new HttpClient())
        using (var refused = await anonymous.GetAsync(download))
            await SandboxHost.AssertZoomErrorAsync(refused, 401, 124);
        using (var ok = await host.Http.GetAsync(download))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.NotEmpty(await ok.Content.ReadAsByteArrayAsync());
        }

        var participants = await host.GetJsonAsync($"v2/past_meetings/{Uri.EscapeDataString(meeting.GetProperty("uuid").GetString()!)}/participants");
        Assert.True(participants.GetProperty("participants").GetArrayLength() >= 2);
        Assert.All(participants.GetProperty("participants").EnumerateArray(), p => Assert.True(p.GetProperty("duration").GetInt32() > 0));
        using var unknown = await host.Http.GetAsync("v2/past_meetings/1/participants");
        await SandboxHost.AssertZoomErrorAsync(unknown, 404, 3001);
    }

    [Fact]
    public async Task Stats_and_reset_through_the_control_endpoints()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = await host.AutoCreateAsync("conteo");
        using (await host.PatchJsonAsync($"v2/users/{id}", new { dept = "A" })) { }
        using (await host.Http.GetAsync("v2/users")) { }
        var stats = await host.GetJsonAsync("_sandbox/stats");
        Assert.Equal(1, stats.GetProperty("tokenRequests").GetInt32());
        Assert.Equal(2, stats.GetProperty("writesByUser").GetProperty(id).GetInt32());
        Assert.Equal(2, stats.GetProperty("requestsByLabel").GetProperty("Light").GetInt32());
        Assert.Equal(1, stats.GetProperty("requestsByPathAndMethod").GetProperty("GET /v2/users").GetInt32());
        Assert.Equal(0, stats.GetProperty("throttled429").GetInt32());

        using (var reset = await host.Http.PostAsync("_sandbox/reset", null)) Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(host.Server.State.Users);
        using var afterReset = await host.Http.GetAsync("v2/users");
        await SandboxHost.AssertZoomErrorAsync(afterReset, 401, 124);
        host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await host.RequestTokenAsync());
        Assert.Equal(0, (await host.GetJsonAsync("v2/users")).GetProperty("total_records").GetInt32());
    }
}
