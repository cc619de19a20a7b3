using System.Net;
using Aulario.ZoomSandbox.Tests.Infrastructure;

namespace Aulario.ZoomSandbox.Tests;

public sealed class UserLifecycleTests
{
    [Fact]
    public async Task Patch_changes_profile_and_license_and_validates()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = await host.AutoCreateAsync("perfil", type: 1);
        using (var ok = await host.PatchJsonAsync($"v2/users/{id}", new { first_name = "Aula", last_name = "528", type = 2, dept = "Aulas" }))
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        var user = await host.GetJsonAsync($"v2/users/{id}");
        Assert.Equal("Aula", user.GetProperty("first_name").GetString());
        Assert.Equal(2, user.GetProperty("type").GetInt32());
        Assert.Equal("Aulas", user.GetProperty("dept").GetString());

        using var bad = await host.PatchJsonAsync($"v2/users/{id}", new { first_name = new string('x', 65), type = 7, timezone = "Marte/Olympus" });
        await SandboxHost.AssertZoomErrorAsync(bad, 400, 300);
        var fields = (await SandboxHost.ReadJsonAsync(bad)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "first_name", "type", "timezone" }, fields);
        Assert.Equal("Aula", (await host.GetJsonAsync($"v2/users/{id}")).GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task The_license_pool_limits_type_2()
    {
        await using var host = await SandboxHost.StartAsync(o => o.LicenseCount = 1);
        await host.AutoCreateAsync("primera");
        var second = await host.AutoCreateAsync("segunda", type: 1);
        using var refused = await host.PatchJsonAsync($"v2/users/{second}", new { type = 2 });
        await SandboxHost.AssertZoomErrorAsync(refused, 400, 200);
        using (await host.PatchJsonAsync($"v2/users/primera@{SandboxHost.ManagedDomain}", new { type = 1 })) { }
        using var recycled = await host.PatchJsonAsync($"v2/users/{second}", new { type = 2 });
        Assert.Equal(HttpStatusCode.NoContent, recycled.StatusCode);
    }

    [Fact]
    public async Task Deactivate_removes_the_license_and_pending_users_cannot_change_status()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = await host.AutoCreateAsync("baja");
        using (var off = await host.PutJsonAsync($"v2/users/{id}/status", new { action = "deactivate" })) Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        var user = await host.GetJsonAsync($"v2/users/{id}");
        Assert.Equal("inactive", user.GetProperty("status").GetString());
        Assert.Equal(1, user.GetProperty("type").GetInt32());
        using (var on = await host.PutJsonAsync($"v2/users/{id}/status", new { action = "activate" })) Assert.Equal(HttpStatusCode.NoContent, on.StatusCode);
        Assert.Equal("active", (await host.GetJsonAsync($"v2/users/{id}")).GetProperty("status").GetString());

        using var invalid = await host.PutJsonAsync($"v2/users/{id}/status", new { action = "suspend" });
        await SandboxHost.AssertZoomErrorAsync(invalid, 400, 300);
        using var created = await host.CreateUserAsync("create", "pend@otra.edu.ar");
        var pending = (await SandboxHost.ReadJsonAsync(created)).GetProperty("id").GetString();
        using var refused = await host.PutJsonAsync($"v2/users/{pending}/status", new { action = "deactivate" });
        await SandboxHost.AssertZoomErrorAsync(refused, 400, 1000);
    }

    [Fact]
    public async Task Password_change_follows_rules_and_refuses_the_same_password()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = await host.AutoCreateAsync("clave");
        using (var same = await host.PutJsonAsync($"v2/users/{id}/password", new { password = "Aulario2026x" })) await SandboxHost.AssertZoomErrorAsync(same, 400, 300);
        using (var weak = await host.PutJsonAsync($"v2/users/{id}/password", new { password = "aaaaaaaa1" })) await SandboxHost.AssertZoomErrorAsync(weak, 400, 1128);
        using (var tooLong = await host.PutJsonAsync($"v2/users/{id}/password", new { password = "Aa1" + new string('z', 30) })) await SandboxHost.AssertZoomErrorAsync(tooLong, 400, 300);
        using var ok = await host.PutJsonAsync($"v2/users/{id}/password", new { password = "Nueva2026y" });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(1 + 1, host.Server.State.Stats.WritesByUser[id]);
    }

    [Theory]
    [InlineData("disassociate")]
    [InlineData("delete")]
    public async Task Delete_removes_the_user(string action)
    {
        await using var host = await SandboxHost.StartAsync();
        var id = await host.AutoCreateAsync("borrar");
        using (var deleted = await host.Http.DeleteAsync($"v2/users/{id}?action={action}")) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await host.Http.GetAsync($"v2/users/{id}");
        await SandboxHost.AssertZoomErrorAsync(gone, 404, 1001);
        using var again = await host.Http.DeleteAsync($"v2/users/{id}?action={action}");
        await SandboxHost.AssertZoomErrorAsync(again, 404, 1001);
    }
}
