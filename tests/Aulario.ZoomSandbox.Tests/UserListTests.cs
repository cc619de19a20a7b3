using System.Net;
using Aulario.ZoomSandbox.Tests.Infrastructure;

namespace Aulario.ZoomSandbox.Tests;

public sealed class UserListTests
{
    private static async Task<SandboxHost> WithUsersAsync(int active, int inactive = 0)
    {
        var host = await SandboxHost.StartAsync();
        for (var i = 0; i < active; i++) host.Server.State.Add($"u{i:D2}@{SandboxHost.ManagedDomain}", "U", i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), 1, "active", host.Time.GetUtcNow().AddMinutes(i));
        for (var i = 0; i < inactive; i++) host.Server.State.Add($"x{i}@{SandboxHost.ManagedDomain}", "X", "X", 1, "inactive", host.Time.GetUtcNow());
        return host;
    }

    [Fact]
    public async Task Next_page_token_walks_three_pages_without_gaps_or_repeats()
    {
        await using var host = await WithUsersAsync(active: 7, inactive: 2);
        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await host.GetJsonAsync($"v2/users?page_size=3&next_page_token={token}");
            pages++;
            Assert.Equal(7, page.GetProperty("total_records").GetInt32());
            Assert.Equal(3, page.GetProperty("page_size").GetInt32());
            Assert.Equal(3, page.GetProperty("page_count").GetInt32());
            seen.AddRange(page.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("email").GetString()!));
            token = page.GetProperty("next_page_token").GetString()!;
        }
        while (token.Length > 0 && pages < 10);
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"u{i:D2}@{SandboxHost.ManagedDomain}"), seen);
    }

    [Fact]
    public async Task Status_filter_and_default_page_size()
    {
        await using var host = await WithUsersAsync(active: 2, inactive: 3);
        var active = await host.GetJsonAsync("v2/users");
        Assert.Equal(30, active.GetProperty("page_size").GetInt32());
        Assert.Equal(2, active.GetProperty("users").GetArrayLength());
        var inactive = await host.GetJsonAsync("v2/users?status=inactive");
        Assert.All(inactive.GetProperty("users").EnumerateArray(), u => Assert.Equal("inactive", u.GetProperty("status").GetString()));
        Assert.Equal(3, inactive.GetProperty("total_records").GetInt32());
        using var bad = await host.Http.GetAsync("v2/users?status=deleted");
        await SandboxHost.AssertZoomErrorAsync(bad, 400, 300);
    }

    [Theory]
    [InlineData("301")]
    [InlineData("0")]
    [InlineData("treinta")]
    public async Task Page_size_outside_1_to_300_is_a_validation_error(string pageSize)
    {
        await using var host = await WithUsersAsync(active: 1);
        using var response = await host.Http.GetAsync($"v2/users?page_size={pageSize}");
        await SandboxHost.AssertZoomErrorAsync(response, 400, 300);
        var error = Assert.Single((await SandboxHost.ReadJsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("page_size", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Page_tokens_expire_after_15_minutes_and_unknown_tokens_are_refused()
    {
        await using var host = await WithUsersAsync(active: 4);
        var first = await host.GetJsonAsync("v2/users?page_size=2");
        var token = first.GetProperty("next_page_token").GetString();
        host.Time.Advance(TimeSpan.FromMinutes(14));
        using (var ok = await host.Http.GetAsync($"v2/users?page_size=2&next_page_token={token}")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        host.Time.Advance(TimeSpan.FromMinutes(2));
        using var stale = await host.Http.GetAsync($"v2/users?page_size=2&next_page_token={token}");
        await SandboxHost.AssertZoomErrorAsync(stale, 400, 300);
        using var unknown = await host.Http.GetAsync("v2/users?next_page_token=inventado");
        await SandboxHost.AssertZoomErrorAsync(unknown, 400, 300);
    }

    [Fact]
    public async Task Get_user_by_id_or_email_and_404_1001_for_unknown()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = await host.AutoCreateAsync("aula300");
        var byId = await host.GetJsonAsync($"v2/users/{id}");
        var byEmail = await host.GetJsonAsync($"v2/users/aula300@{SandboxHost.ManagedDomain}");
        Assert.Equal(id, byEmail.GetProperty("id").GetString());
        Assert.Equal(byId.GetProperty("pmi").GetInt64(), byEmail.GetProperty("pmi").GetInt64());
        Assert.StartsWith(host.Server.BaseUrl + "j/" + byId.GetProperty("pmi").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            byId.GetProperty("personal_meeting_url").GetString(), StringComparison.Ordinal);
        using var missing = await host.Http.GetAsync("v2/users/nadie@otra.edu.ar");
        await SandboxHost.AssertZoomErrorAsync(missing, 404, 1001);
    }

    [Fact]
    public async Task A_pending_user_whose_invitation_expired_is_404_1120()
    {
        await using var host = await SandboxHost.StartAsync(o => { o.InvitationLifetime = TimeSpan.FromDays(7); o.TokenLifetime = TimeSpan.FromDays(30); });
        using var created = await host.CreateUserAsync("create", "tarde@otra.edu.ar");
        var id = (await SandboxHost.ReadJsonAsync(created)).GetProperty("id").GetString();
        host.Time.Advance(TimeSpan.FromDays(8));
        using var response = await host.Http.GetAsync($"v2/users/{id}");
        await SandboxHost.AssertZoomErrorAsync(response, 404, 1120);
    }

    [Fact]
    public async Task Summary_counts_users_by_license_and_status()
    {
        await using var host = await SandboxHost.StartAsync();
        await host.AutoCreateAsync("lic1");
        await host.AutoCreateAsync("basic1", type: 1);
        using (await host.CreateUserAsync("create", "pend@otra.edu.ar")) { }
        var summary = await host.GetJsonAsync("v2/users/summary");
        Assert.Equal(1, summary.GetProperty("licensed_users_count").GetInt32());
        Assert.Equal(1, summary.GetProperty("basic_users_count").GetInt32());
        Assert.Equal(1, summary.GetProperty("pending_users_count").GetInt32());
        Assert.Equal(3, summary.GetProperty("total_users_count").GetInt32());
    }
}
