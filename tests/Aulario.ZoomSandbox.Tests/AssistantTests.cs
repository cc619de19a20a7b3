using System.Net;
using Aulario.ZoomSandbox.Tests.Infrastructure;

namespace Aulario.ZoomSandbox.Tests;

public sealed class AssistantTests
{
    [Fact]
    public async Task Assistants_are_added_listed_seen_as_schedulers_and_removed()
    {
        await using var host = await SandboxHost.StartAsync();
        var hostId = await host.AutoCreateAsync("aula10");
        var delegateId = await host.AutoCreateAsync("docente10");
        using (var added = await host.PostJsonAsync($"v2/users/{hostId}/assistants", new { assistants = new[] { new { email = $"docente10@{SandboxHost.ManagedDomain}" } } }))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            var body = await SandboxHost.ReadJsonAsync(added);
            Assert.Equal(delegateId, body.GetProperty("ids").GetString());
            Assert.Equal("2026-05-12T13:00:00Z", body.GetProperty("add_at").GetString());
        }
        var list = await host.GetJsonAsync($"v2/users/{hostId}/assistants");
        Assert.Equal(delegateId, Assert.Single(list.GetProperty("assistants").EnumerateArray()).GetProperty("id").GetString());
        var schedulers = await host.GetJsonAsync($"v2/users/{delegateId}/schedulers");
        Assert.Equal(hostId, Assert.Single(schedulers.GetProperty("schedulers").EnumerateArray()).GetProperty("id").GetString());

        using (var again = await host.PostJsonAsync($"v2/users/{hostId}/assistants", new { assistants = new[] { new { id = delegateId } } }))
            await SandboxHost.AssertZoomErrorAsync(again, 400, 200);
        using (var removed = await host.Http.DeleteAsync($"v2/users/{hostId}/assistants/{delegateId}")) Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty((await host.GetJsonAsync($"v2/users/{hostId}/assistants")).GetProperty("assistants").EnumerateArray());
    }

    [Fact]
    public async Task Both_users_must_be_licensed_members_of_the_account()
    {
        await using var host = await SandboxHost.StartAsync();
        var hostId = await host.AutoCreateAsync("aula11");
        var basic = await host.AutoCreateAsync("basico", type: 1);
        using (var self = await host.PostJsonAsync($"v2/users/{hostId}/assistants", new { assistants = new[] { new { id = hostId } } }))
            await SandboxHost.AssertZoomErrorAsync(self, 400, 200);
        using (var notLicensed = await host.PostJsonAsync($"v2/users/{hostId}/assistants", new { assistants = new[] { new { id = basic } } }))
            await SandboxHost.AssertZoomErrorAsync(notLicensed, 400, 200);
        using (var stranger = await host.PostJsonAsync($"v2/users/{hostId}/assistants", new { assistants = new[] { new { email = "ajeno@otra.edu.ar" } } }))
            await SandboxHost.AssertZoomErrorAsync(stranger, 400, 200);
        using (var fromBasic = await host.PostJsonAsync($"v2/users/{basic}/assistants", new { assistants = new[] { new { id = hostId } } }))
            await SandboxHost.AssertZoomErrorAsync(fromBasic, 400, 200);
        using (var empty = await host.PostJsonAsync($"v2/users/{hostId}/assistants", new { assistants = Array.Empty<object>() }))
            await SandboxHost.AssertZoomErrorAsync(empty, 400, 300);
        Assert.Empty((await host.GetJsonAsync($"v2/users/{hostId}/assistants")).GetProperty("assistants").EnumerateArray());
    }

    [Fact]
    public async Task Deleting_all_assistants_empties_the_list()
    {
        await using var host = await SandboxHost.StartAsync();
        var hostId = await host.AutoCreateAsync("aula12");
        var a = await host.AutoCreateAsync("d1");
        var b = await host.AutoCreateAsync("d2");
        using (await host.PostJsonAsync($"v2/users/{hostId}/assistants", new { assistants = new[] { new { id = a }, new { id = b } } })) { }
        Assert.Equal(2, (await host.GetJsonAsync($"v2/users/{hostId}/assistants")).GetProperty("assistants").GetArrayLength());
        using (var all = await host.Http.DeleteAsync($"v2/users/{hostId}/assistants")) Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
        Assert.Empty((await host.GetJsonAsync($"v2/users/{hostId}/assistants")).GetProperty("assistants").EnumerateArray());
    }
    [Fact]
    public async Task Pending_or_deactivated_assistants_are_refused_more_than_30_at_once_too_and_removing_a_non_assistant_is_404()
    {
        await using var host = await SandboxHost.StartAsync();
        var hostId = await host.AutoCreateAsync("aula13");
        var off = await host.AutoCreateAsync("baja13");
        using (var pending = await host.CreateUserAsync("create", "pendiente13@otra.edu.ar")) Assert.Equal(HttpStatusCode.Created, pending.StatusCode);
        using (var deactivate = await host.PutJsonAsync($"v2/users/{off}/status", new { action = "deactivate" })) Assert.Equal(HttpStatusCode.NoContent, deactivate.StatusCode);

        using (var withPending = await host.PostJsonAsync($"v2/users/{hostId}/assistants", new { assistants = new[] { new { email = "pendiente13@otra.edu.ar" } } }))
            await SandboxHost.AssertZoomErrorAsync(withPending, 400, 200);
        using (var withInactive = await host.PostJsonAsync($"v2/users/{hostId}/assistants", new { assistants = new[] { new { id = off } } }))
            await SandboxHost.AssertZoomErrorAsync(withInactive, 400, 200);
        var many = Enumerable.Range(0, 31).Select(i => new { email = $"x{i}@{SandboxHost.ManagedDomain}" }).ToArray();
        using (var tooMany = await host.PostJsonAsync($"v2/users/{hostId}/assistants", new { assistants = many }))
            await SandboxHost.AssertZoomErrorAsync(tooMany, 400, 300);
        using (var notAssistant = await host.Http.DeleteAsync($"v2/users/{hostId}/assistants/{off}"))
            await SandboxHost.AssertZoomErrorAsync(notAssistant, 404, 1001);
        Assert.Empty((await host.GetJsonAsync($"v2/users/{hostId}/assistants")).GetProperty("assistants").EnumerateArray());
    }
}
