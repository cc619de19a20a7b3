using System.Net;
using Aulario.ZoomSandbox.Tests.Infrastructure;

namespace Aulario.ZoomSandbox.Tests;

public sealed class PasscodeAndJoinLinkTests
{
    [Theory]
    [InlineData("12345678901", "maximum of 10")]
    [InlineData("clave#1", "following characters")]
    [InlineData("", "empty")]
    public async Task Passcodes_outside_zoom_format_are_refused_with_a_clear_message(string passcode, string expected)
    {
        await using var host = await SandboxHost.StartAsync();
        var id = await host.AutoCreateAsync("aula1");
        var before = (await host.GetJsonAsync($"v2/users/{id}/settings")).GetProperty("schedule_meeting").GetProperty("pmi_password").GetString();
        using var response = await host.PatchJsonAsync($"v2/users/{id}/settings", new { schedule_meeting = new { pmi_password = passcode } });
        await SandboxHost.AssertZoomErrorAsync(response, 400, 300);
        var error = Assert.Single((await SandboxHost.ReadJsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("schedule_meeting.pmi_password", error.GetProperty("field").GetString());
        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await host.GetJsonAsync($"v2/users/{id}/settings")).GetProperty("schedule_meeting").GetProperty("pmi_password").GetString());
    }

    [Fact]
    public async Task The_meeting_password_requirement_applies_to_new_passcodes()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = await host.AutoCreateAsync("aula2");
        using (var set = await host.PatchJsonAsync($"v2/users/{id}/settings", new
        {
            schedule_meeting = new { meeting_password_requirement = new { length = 8, have_number = true, have_upper_and_lower_characters = true, consecutive_characters_length = 4 } },
        })) Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        var requirement = (await host.GetJsonAsync($"v2/users/{id}/settings")).GetProperty("schedule_meeting").GetProperty("meeting_password_requirement");
        Assert.Equal(8, requirement.GetProperty("length").GetInt32());
        Assert.True(requirement.GetProperty("have_upper_and_lower_characters").GetBoolean());

        foreach (var (bad, words) in new[] { ("Ab3x", "at least 8"), ("abcdefgh", "number"), ("abcdefg1", "uppercase"), ("Xy1234zz", "consecutive") })
        {
            using var refused = await host.PatchJsonAsync($"v2/users/{id}/settings", new { schedule_meeting = new { pmi_password = bad } });
            await SandboxHost.AssertZoomErrorAsync(refused, 400, 300);
            Assert.Contains(words, (await SandboxHost.ReadJsonAsync(refused)).GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        using var ok = await host.PatchJsonAsync($"v2/users/{id}/settings", new { schedule_meeting = new { pmi_password = "Aula*5281" } });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal("Aula*5281", (await host.GetJsonAsync($"v2/users/{id}/settings")).GetProperty("schedule_meeting").GetProperty("pmi_password").GetString());
    }

    [Fact]
    public async Task The_join_link_embeds_the_passcode_works_and_stops_working_after_deactivation()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = await host.AutoCreateAsync("aula3");
        using (await host.PatchJsonAsync($"v2/users/{id}/settings", new { schedule_meeting = new { pmi_password = "Clase2026", embed_password_in_join_link = true } })) { }
        var link = (await host.GetJsonAsync($"v2/users/{id}")).GetProperty("personal_meeting_url").GetString()!;
        Assert.Contains("?pwd=", link, StringComparison.Ordinal);
        Assert.DoesNotContain("Clase2026", link, StringComparison.Ordinal);

        using (var works = await host.Http.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, works.StatusCode);
            Assert.Contains("Unirse a la reunión", await works.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (await host.PatchJsonAsync($"v2/users/{id}/settings", new { schedule_meeting = new { pmi_password = "Nueva2026" } })) { }
        using (var stale = await host.Http.GetAsync(link)) Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        var newLink = (await host.GetJsonAsync($"v2/users/{id}")).GetProperty("personal_meeting_url").GetString()!;
        Assert.NotEqual(link, newLink);
        using (var fresh = await host.Http.GetAsync(newLink)) Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        using (await host.PutJsonAsync($"v2/users/{id}/status", new { action = "deactivate" })) { }
        using var finalized = await host.Http.GetAsync(newLink);
        Assert.Equal(HttpStatusCode.NotFound, finalized.StatusCode);
    }

    [Fact]
    public async Task Without_embedding_the_link_has_no_pwd()
    {
        await using var host = await SandboxHost.StartAsync();
        var id = await host.AutoCreateAsync("aula4");
        using (await host.PatchJsonAsync($"v2/users/{id}/settings", new { schedule_meeting = new { embed_password_in_join_link = false } })) { }
        var user = await host.GetJsonAsync($"v2/users/{id}");
        var link = user.GetProperty("personal_meeting_url").GetString()!;
        Assert.Equal(host.Server.BaseUrl + "j/" + user.GetProperty("pmi").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), link);
        Assert.False((await host.GetJsonAsync($"v2/users/{id}/settings")).GetProperty("schedule_meeting").GetProperty("embed_password_in_join_link").GetBoolean());
    }

    [Fact]
    public async Task Settings_of_pending_users_are_400_code_1000()
    {
        await using var host = await SandboxHost.StartAsync();
        using var created = await host.CreateUserAsync("create", "pend@otra.edu.ar");
        var id = (await SandboxHost.ReadJsonAsync(created)).GetProperty("id").GetString();
        using var get = await host.Http.GetAsync($"v2/users/{id}/settings");
        await SandboxHost.AssertZoomErrorAsync(get, 400, 1000);
        using var patch = await host.PatchJsonAsync($"v2/users/{id}/settings", new { schedule_meeting = new { pmi_password = "Clase2026" } });
        await SandboxHost.AssertZoomErrorAsync(patch, 400, 1000);
    }
}
