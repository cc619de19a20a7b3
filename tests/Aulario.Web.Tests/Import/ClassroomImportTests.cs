using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Aulario.Persistence;
using Aulario.Web.Features.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Aulario.Web.Tests.Classrooms;
using static Aulario.Web.Tests.Classrooms.ClassroomWorld;

namespace Aulario.Web.Tests.Import;

/// <summary>CSV import of classrooms through the API against the Zoom sandbox and a LATIN1 PostgreSQL SIU: the dry run reads SIU and changes nothing; applying runs each valid row's classroom steps.</summary>
public sealed class ClassroomImportTests : IAsyncLifetime
{
    private ClassroomWorld _world = null!;

    public async Task InitializeAsync() => _world = await ClassroomWorld.CreateAsync();
    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static async Task<HttpResponseMessage> DryRunAsync(HttpClient client, Guid portalId, byte[] csv)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "aulas.csv");
        return await client.PostAsync($"/api/v1/classrooms/import?portalId={portalId}", content);
    }

    [Fact]
    public async Task DryRunPreviewsEverySiuChange_ChangingNothing_ThenApplyAssignsReplacesAndFinalizes()
    {
        await using var app = _world.StartApp();
        var client = await _world.SignedInAsync(app);
        var portal = await _world.CreatePortalAsync(client);
        var old = await StartAssignAsync(client, new { portalId = portal.Id, spaceId = 20, accountEmail = "aula528@" + ManagedDomain, newName = "Zoom 01 - aula528" });
        Assert.Equal("succeeded", (await WaitFinishedAsync(client, old)).Status);
        var before = (await _world.RowAsync(10), await _world.RowAsync(20), await _world.RowAsync(21));
        var d = ManagedDomain;
        var csv = Encoding.UTF8.GetBytes(
            "\uFEFFemail;espacio;codigo;nombre;codigo_nuevo;finalizar_anterior\r\n" +
            $"aula601@{d};10;;Zoom 601 - Ñandú;Z601;\r\n" +     // 2 new classroom
            $"aula602@{d};;zoom02;;;\r\n" +                      // 3 by codigo (space 21)
            $"aula603@{d};20;ZOOM01;Zoom 01 - aula603;;sí\r\n" + // 4 replaces aula528, finalizes it
            $"aula604@{d};99;;;;\r\n" +                          // 5 no such space in SIU
            $"aula605@{d};;ZOOM02;;;\r\n" +                      // 6 space 21 again
            $"aula528@{d};21;;;;\r\n" +                          // 7 space 21 again (by id)
            $"aula606@{d};;NOEXISTE;;;\r\n");                    // 8 unknown codigo

        var response = await DryRunAsync(client, portal.Id, csv);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = (await response.Content.ReadFromJsonAsync<ClassroomImportResponse>())!;
        Assert.Equal((2, 1, 0, 4), (report.Assign, report.Replace, report.Unchanged, report.Invalid));
        var rows = report.Rows.ToDictionary(r => r.Line);
        Assert.Equal(("assign", 10, "Aula 101", "Zoom 601 - Ñandú", "A101", "Z601"),
            (rows[2].Status, rows[2].SpaceId, rows[2].Name.Old, rows[2].Name.New, rows[2].Code.Old, rows[2].Code.New));
        Assert.Equal(("assign", 21), (rows[3].Status, rows[3].SpaceId));
        Assert.Equal(("replace", "aula528@" + d, true), (rows[4].Status, rows[4].OldAccountEmail, rows[4].FinalizeOldAccount));
        Assert.Equal(before.Item2.Link, rows[4].OldLink);
        Assert.Equal("invalid", rows[5].Status);
        Assert.Contains("99", rows[5].Message, StringComparison.Ordinal);
        Assert.Contains("espacio 21 ya aparece en la fila 3", rows[6].Message, StringComparison.Ordinal);
        Assert.Contains("espacio 21 ya aparece en la fila 3", rows[7].Message, StringComparison.Ordinal);
        Assert.Contains("NOEXISTE", rows[8].Message, StringComparison.Ordinal);
        Assert.Equal(before, (await _world.RowAsync(10), await _world.RowAsync(20), await _world.RowAsync(21))); // the dry run changed nothing
        Assert.Null(_world.Sandbox.State.Find("aula601@" + d));

        var apply = await client.PostAsync($"/api/v1/classrooms/import/{report.JobId}/apply", null);
        Assert.Equal(HttpStatusCode.Accepted, apply.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/classrooms/import/{report.JobId}/apply", null)).StatusCode);
        var job = await WaitFinishedAsync(client, report.JobId!.Value);

        Assert.True(job.Status == "succeeded", System.Text.Json.JsonSerializer.Serialize(job));
        Assert.Equal(3, job.Items.Count);
        string Pmi(string email) => _world.Sandbox.BaseUrl + "j/" + _world.Sandbox.State.Find(email)!.Pmi.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var space10 = await _world.RowAsync(10);
        Assert.Equal(("Zoom 601 - Ñandú", "Z601"), (space10.Nombre, space10.Codigo));
        Assert.StartsWith(Pmi("aula601@" + d), space10.Link, StringComparison.Ordinal);
        var space21 = await _world.RowAsync(21);
        Assert.Equal((before.Item3.Nombre, before.Item3.Codigo), (space21.Nombre, space21.Codigo));
        Assert.StartsWith(Pmi("aula602@" + d), space21.Link, StringComparison.Ordinal);
        var space20 = await _world.RowAsync(20);
        Assert.Equal("Zoom 01 - aula603", space20.Nombre);
        Assert.StartsWith(Pmi("aula603@" + d), space20.Link, StringComparison.Ordinal);
        Assert.Equal("inactive", _world.Sandbox.State.Find("aula528@" + d)!.Status);
        Assert.Equal([SiuAuditUser, SiuAuditUser], await _world.AuditUpdatesAsync(20));
        Assert.Equal("aula603@" + d, (await ClassroomAsync(client, portal.Id, 20)).AccountEmail);
        Assert.Equal(("ready", true), ((await ClassroomAsync(client, portal.Id, 10)).State, (await ClassroomAsync(client, portal.Id, 10)).HasPasscode));
    }

    [Theory]
    [InlineData("email;espacio;nombre\nx@aulas.inst.edu.ar;10;Aula Ma\u00f1ana", "import.not-utf8", true)]
    [InlineData("email;nombre\nx@aulas.inst.edu.ar;Aula", "import.missing-space", false)]
    [InlineData("correo;espacio;piso\nx@aulas.inst.edu.ar;10;1", "import.unknown-column", false)]
    public async Task BadFiles_GetAClearMessage_AndKeepNoDraft(string text, string code, bool asWindows1252)
    {
        await using var app = _world.StartApp();
        var client = await _world.SignedInAsync(app);
        var portal = await _world.CreatePortalAsync(client);
        var bytes = asWindows1252 ? text.Select(c => (byte)c).ToArray() : Encoding.UTF8.GetBytes(text);

        var response = await DryRunAsync(client, portal.Id, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        Assert.Equal(0, await db.Jobs.CountAsync(j => j.Kind == Aulario.Core.Import.ClassroomImport.Kind));
    }
}
