using System.Net.Http.Json;
using static Aulario.Web.Tests.Classrooms.ClassroomWorld;

namespace Aulario.Web.Tests.Classrooms;

/// <summary>Each SIU error leaves SIU unchanged, shows its message on the classroom ("Requiere atención" + reason), and the retry works once the cause is fixed.</summary>
public sealed class SiuErrorTests : IAsyncLifetime
{
    private ClassroomWorld _world = null!;

    public async Task InitializeAsync() => _world = await ClassroomWorld.CreateAsync();
    public async Task DisposeAsync() => await _world.DisposeAsync();

    public static TheoryData<string> Cases => ["en-dash", "emoji", "too-long-code", "duplicate-code", "missing-column", "connection-refused"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SiuError_LeavesSiuUnchanged_ShowsTheReason_AndRetryWorks(string kind)
    {
        await using var app = _world.StartApp();
        var client = await _world.SignedInAsync(app);
        var portal = await _world.CreatePortalAsync(client);
        var (name, code, expected) = kind switch
        {
            "en-dash" => ("Zoom 01 – aula", "Z01", "nombre"),
            "emoji" => ("Zoom 01 🎓", "Z01", "nombre"),
            "too-long-code" => ("Zoom 01", new string('C', 21), "código"),
            "duplicate-code" => ("Zoom 01", "ZOOM02", "ZOOM02"),
            "missing-column" => ("Zoom 01", "Z01", "link_clase_virtual"),
            _ => ("Zoom 01", "Z01", "conectar"),
        };
        var before = await _world.RowAsync(20);
        // SIU changes between the preview and the SIU step: break it while the new account waits for its activation.
        var breaksLater = kind is "missing-column" or "connection-refused";
        var email = "aula" + kind.Length + "@" + (breaksLater ? "otra.edu.ar" : ManagedDomain);

        var jobId = await StartAssignAsync(client, new { portalId = portal.Id, spaceId = 20, accountEmail = email, newName = name, newCode = code });
        if (breaksLater)
        {
            await WaitForJobAsync(client, jobId, j => j.Items[0].Status == "waiting");
            if (kind == "missing-column") await _world.ExecuteSiuAsync("ALTER TABLE negocio.sga_espacios RENAME COLUMN link_clase_virtual TO link_viejo");
            else await PutConnectionAsync(client, portal.Id, new Npgsql.NpgsqlConnectionStringBuilder(_world.SiuConnectionString) { Port = 1, Timeout = 3 }.ConnectionString);
            await _world.ActivateFromMailboxAsync(email);
        }
        var failed = await WaitFinishedAsync(client, jobId);

        Assert.Equal("failed", failed.Status);
        Assert.Equal("siu", failed.Items[0].Step);
        if (kind == "missing-column") await _world.ExecuteSiuAsync("ALTER TABLE negocio.sga_espacios RENAME COLUMN link_viejo TO link_clase_virtual");
        Assert.Equal(before, await _world.RowAsync(20));
        if (kind == "missing-column") await _world.ExecuteSiuAsync("ALTER TABLE negocio.sga_espacios RENAME COLUMN link_clase_virtual TO link_viejo");
        Assert.Empty(await _world.AuditUpdatesAsync(20));
        var classroom = await ClassroomAsync(client, portal.Id, 20);
        Assert.Equal("needs-attention", classroom.State);
        Assert.Contains(expected, classroom.AttentionReason, StringComparison.OrdinalIgnoreCase);
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/aulas?portal={portal.Id}"));
        Assert.Contains("Requiere atención", page, StringComparison.Ordinal);
        Assert.Contains(classroom.AttentionReason!, page, StringComparison.Ordinal);
        Assert.Contains(">Reintentar</button>", page, StringComparison.Ordinal);

        // Fix the cause, then retry from the step that failed.
        object? fixedBody = null;
        switch (kind)
        {
            case "duplicate-code": await _world.ExecuteSiuAsync("UPDATE negocio.sga_espacios SET codigo = 'ZOOM02X' WHERE espacio = 21"); break;
            case "missing-column": await _world.ExecuteSiuAsync("ALTER TABLE negocio.sga_espacios RENAME COLUMN link_viejo TO link_clase_virtual"); break;
            case "connection-refused": await PutConnectionAsync(client, portal.Id, _world.SiuConnectionString); break;
            default: fixedBody = new { portalId = portal.Id, spaceId = 20, accountEmail = email, newName = "Zoom 01 - aula", newCode = "Z01" }; break;
        }
        if (fixedBody is null)
        {
            var retry = await client.PostAsync($"/api/v1/jobs/{jobId}/retry", null);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, retry.StatusCode);
            Assert.Equal("succeeded", (await WaitForJobAsync(client, jobId, j => j.Finished)).Status);
        }
        else
        {
            // Text SIU cannot hold stays rejected on retry (SIU still untouched); the admin corrects it with a new request.
            await client.PostAsync($"/api/v1/jobs/{jobId}/retry", null);
            var again = await WaitForJobAsync(client, jobId, j => j.Finished);
            Assert.Equal("failed", again.Status);
            Assert.Equal(before, await _world.RowAsync(20));
            Assert.Equal("succeeded", (await WaitFinishedAsync(client, await StartAssignAsync(client, fixedBody))).Status);
        }
        Assert.Equal("ready", (await ClassroomAsync(client, portal.Id, 20)).State);
        Assert.Single(await _world.AuditUpdatesAsync(20));
    }

    private static async Task PutConnectionAsync(HttpClient client, Guid portalId, string connection)
    {
        var put = await client.PutAsJsonAsync($"/api/v1/portals/{portalId}", new { code = "ISSP", name = "Instituto Superior", siuConnectionString = connection });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }
}
