using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Aulario.Web.Features.Classrooms;
using Aulario.Web.Features.Portals;
using static Aulario.Web.Tests.Classrooms.ClassroomWorld;

namespace Aulario.Web.Tests.Classrooms;

/// <summary>The pages: portal form (connection string never shown back), "Probar conexión", "Nueva aula" with preview and "Aplicar", job page, "Contraseñas Zoom".</summary>
public sealed partial class ClassroomPagesTests : IAsyncLifetime
{
    private ClassroomWorld _world = null!;

    public async Task InitializeAsync() => _world = await ClassroomWorld.CreateAsync();
    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task PortalForm_NeverShowsTheConnectionString_AndTestConnectionReportsInSpanish()
    {
        await using var app = _world.StartApp();
        var client = await _world.SignedInAsync(app);
        var token = await client.AntiforgeryTokenAsync("/portales/nuevo");
        var created = await client.PostFormAsync("/portales/nuevo", token, ("Form.Name", "Instituto Superior"), ("Form.Code", "issp"),
            ("Form.SiuProvider", "postgresql"), ("Form.SiuConnectionString", _world.SiuConnectionString), ("Form.SiuSchema", "negocio"),
            ("Form.SiuTable", "sga_espacios"), ("Form.SiuKeyColumn", "espacio"), ("Form.SiuLinkColumn", "link_clase_virtual"),
            ("Form.SiuNameColumn", "nombre"), ("Form.SiuCodeColumn", "codigo"), ("Form.SiuAuditUser", "aulario"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.ToString().Split('?')[0];
        var password = new Npgsql.NpgsqlConnectionStringBuilder(_world.SiuConnectionString).Host!;

        var edit = WebUtility.HtmlDecode(await client.GetStringAsync(url));
        Assert.DoesNotContain(_world.SiuConnectionString, edit, StringComparison.Ordinal);
        Assert.DoesNotContain("Host=" + password, edit, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hay una conexión guardada", edit, StringComparison.Ordinal);
        Assert.Contains("value=\"ISSP\"", edit, StringComparison.Ordinal);

        var report = WebUtility.HtmlDecode(await (await client.PostFormAsync(url + "?handler=Test", FormPosts.ReadToken(edit))).Content.ReadAsStringAsync());
        Assert.Contains("La conexión funciona", report, StringComparison.Ordinal);
        Assert.Contains("Codificación del servidor: LATIN1.", report, StringComparison.Ordinal);
        Assert.Contains("link_clase_virtual", report, StringComparison.Ordinal);

        // A wrong column name is reported in plain words, and nothing is saved by testing.
        var portals = await client.GetFromJsonAsync<List<PortalResponse>>("/api/v1/portals");
        var put = await client.PutAsJsonAsync($"/api/v1/portals/{portals![0].Id}", new { code = "ISSP", name = "Instituto Superior", siuLinkColumn = "link_aula" });
        Assert.True(put.IsSuccessStatusCode);
        var bad = await client.PostAsync($"/api/v1/portals/{portals[0].Id}/test", null);
        var badReport = await bad.Content.ReadFromJsonAsync<ConnectionReportResponse>();
        Assert.False(badReport!.Ok);
        Assert.Contains(badReport.Problems, p => p.Contains("link_aula", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewClassroomPage_PreviewThenApply_RunsTheJob_AndPasscodesPageRevealsAndRotates()
    {
        await using var app = _world.StartApp();
        var client = await _world.SignedInAsync(app);
        var portal = await _world.CreatePortalAsync(client);
        var newUrl = $"/aulas/nueva?portal={portal.Id}&espacio=21";
        var form = WebUtility.HtmlDecode(await client.GetStringAsync(newUrl));
        Assert.Contains("Nueva aula", form, StringComparison.Ordinal);
        var fields = new[]
        {
            ("Form.SpaceId", "21"), ("Form.AccountEmail", "aula777@" + ManagedDomain), ("Form.NewName", "Zoom 02 - aula777"), ("Form.NewCode", "Z777"),
            ("Form.PasscodeMode", "generate"), ("Form.FinalizeOldAccount", "false"),
        };
        var preview = WebUtility.HtmlDecode(await (await client.PostFormAsync($"/aulas/nueva?handler=Preview&portal={portal.Id}", FormPosts.ReadToken(form), fields)).Content.ReadAsStringAsync());
        Assert.Contains("Vista previa", preview, StringComparison.Ordinal);
        Assert.Contains("Zoom 02 - cuenta02@example.edu.ar", preview, StringComparison.Ordinal);
        Assert.Contains("Zoom 02 - aula777", preview, StringComparison.Ordinal);
        Assert.Equal("Zoom 02 - cuenta02@example.edu.ar", (await _world.RowAsync(21)).Nombre);

        var applied = await client.PostFormAsync($"/aulas/nueva?handler=Apply&portal={portal.Id}", FormPosts.ReadToken(preview), fields);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var jobPage = applied.Headers.Location!.ToString();
        Assert.StartsWith("/trabajos/", jobPage, StringComparison.Ordinal);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(jobPage));
        Assert.Contains("<progress", html, StringComparison.Ordinal);
        Assert.Contains("Actualizar SIU", html, StringComparison.Ordinal);
        Assert.Contains("/js/job-progress.js", html, StringComparison.Ordinal);
        var job = await WaitFinishedAsync(client, Guid.Parse(jobPage["/trabajos/".Length..]));
        Assert.Equal("succeeded", job.Status);
        Assert.Contains("Terminado", WebUtility.HtmlDecode(await client.GetStringAsync(jobPage + "?handler=Progress")), StringComparison.Ordinal);
        Assert.Equal(("Zoom 02 - aula777", "Z777"), ((await _world.RowAsync(21)).Nombre, (await _world.RowAsync(21)).Codigo));

        var classroom = await ClassroomAsync(client, portal.Id, 21);
        var passcodes = await client.GetStringAsync($"/aulas/contrasenas?portal={portal.Id}");
        var revealed = WebUtility.HtmlDecode(await (await client.PostFormAsync(
            $"/aulas/contrasenas?handler=Reveal&portal={portal.Id}&classroom={classroom.Id}", FormPosts.ReadToken(passcodes))).Content.ReadAsStringAsync());
        var shown = PasscodeCell().Match(revealed).Groups[1].Value;
        Assert.Equal(_world.Sandbox.State.Find("aula777@" + ManagedDomain)!.PmiPassword, shown);

        var set = await client.PostFormAsync($"/aulas/contrasenas?handler=Set&portal={portal.Id}&classroom={classroom.Id}", FormPosts.ReadToken(revealed), ("passcode", "Nueva2026"));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("succeeded", (await WaitFinishedAsync(client, Guid.Parse(set.Headers.Location!.ToString()["/trabajos/".Length..]))).Status);
        Assert.Equal("Nueva2026", _world.Sandbox.State.Find("aula777@" + ManagedDomain)!.PmiPassword);
        Assert.Contains("pwd=", (await _world.RowAsync(21)).Link, StringComparison.Ordinal);
        Assert.Equal((await ClassroomAsync(client, portal.Id, 21)).Link, (await _world.RowAsync(21)).Link);
    }

    [GeneratedRegex("data-passcode=\"[^\"]+\">([^<]+)</code>")]
    private static partial Regex PasscodeCell();
}
