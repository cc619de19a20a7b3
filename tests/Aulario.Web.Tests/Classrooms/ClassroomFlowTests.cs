using System.Net;
using System.Net.Http.Json;
using Aulario.Web.Features.Classrooms;
using static Aulario.Web.Tests.Classrooms.ClassroomWorld;

namespace Aulario.Web.Tests.Classrooms;

/// <summary>The seed's ten steps as one action, against the Zoom sandbox and a LATIN1 PostgreSQL SIU, through the REST API.</summary>
public sealed class ClassroomFlowTests : IAsyncLifetime
{
    private ClassroomWorld _world = null!;

    public async Task InitializeAsync() => _world = await ClassroomWorld.CreateAsync();
    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task NewClassroom_OnNonManagedDomain_WaitsForActivation_ThenSiuHoldsLinkNameCode_AuditedAsTheAdmin_AndRotationChangesZoomAndSiu()
    {
        await using var app = _world.StartApp();
        var client = await _world.SignedInAsync(app);
        var portal = await _world.CreatePortalAsync(client);
        const string email = "aula900@otra.edu.ar";

        var preview = await client.PostAsJsonAsync("/api/v1/classrooms/preview", new { portalId = portal.Id, spaceId = 10, accountEmail = email, newName = "Zoom 900 - Ñandú", newCode = "Z900" });
        var p = (await preview.Content.ReadFromJsonAsync<PreviewResponse>())!;
        Assert.Equal(("Aula 101", "Zoom 900 - Ñandú"), (p.Name.Old, p.Name.New));
        Assert.Equal(("A101", "Z900"), (p.Code.Old, p.Code.New));
        Assert.False(p.AccountExists);
        Assert.Equal(("Aula 101", "A101", (string?)null), await _world.RowAsync(10)); // the preview changed nothing

        var jobId = await StartAssignAsync(client, new { portalId = portal.Id, spaceId = 10, accountEmail = email, newName = "Zoom 900 - Ñandú", newCode = "Z900", passcode = "Clase2026" });

        var waiting = await WaitForJobAsync(client, jobId, j => j.Items[0].Status == "waiting");
        Assert.Equal("activation", waiting.Items[0].Step);
        Assert.Equal("waiting", waiting.Items[0].Steps.Single(s => s.Name == "activation").State);
        var pending = await ClassroomAsync(client, portal.Id, 10);
        Assert.Equal("in-progress", pending.State);
        Assert.Contains(email, pending.AttentionReason, StringComparison.Ordinal);
        Assert.Equal(("Aula 101", "A101", (string?)null), await _world.RowAsync(10));

        await _world.ActivateFromMailboxAsync(email);
        var done = await WaitFinishedAsync(client, jobId);

        Assert.Equal("succeeded", done.Status);
        var zoomUser = _world.Sandbox.State.Find(email)!;
        Assert.Equal("active", zoomUser.Status);
        Assert.Equal("Clase2026", zoomUser.PmiPassword);
        var row = await _world.RowAsync(10);
        Assert.Equal("Zoom 900 - Ñandú", row.Nombre);
        Assert.Equal("Z900", row.Codigo);
        Assert.StartsWith(_world.Sandbox.BaseUrl + "j/" + zoomUser.Pmi.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Link, StringComparison.Ordinal);
        Assert.Equal([SiuAuditUser], await _world.AuditUpdatesAsync(10));
        var ready = await ClassroomAsync(client, portal.Id, 10);
        Assert.Equal(("ready", "active", true, row.Link), (ready.State, ready.AccountStatus, ready.HasPasscode, ready.Link));

        // Contraseñas Zoom: rotate the whole portal; the link embeds pwd=, so SIU follows.
        var rotate = await client.PostAsJsonAsync($"/api/v1/portals/{portal.Id}/passcodes/rotate", new { });
        Assert.Equal(HttpStatusCode.Accepted, rotate.StatusCode);
        var rotation = await WaitFinishedAsync(client, (await rotate.Content.ReadFromJsonAsync<Aulario.Web.Features.Jobs.JobStartedResponse>())!.JobId);
        Assert.Equal("succeeded", rotation.Status);
        var rotated = _world.Sandbox.State.Find(email)!.PmiPassword;
        Assert.NotEqual("Clase2026", rotated);
        var after = await _world.RowAsync(10);
        Assert.NotEqual(row.Link, after.Link);
        Assert.Contains("pwd=", after.Link, StringComparison.Ordinal);
        Assert.Equal(2, (await _world.AuditUpdatesAsync(10)).Count);
        var reveal = await client.PostAsync($"/api/v1/classrooms/{ready.Id}/passcode/reveal", null);
        Assert.Equal(rotated, (await reveal.Content.ReadFromJsonAsync<RevealedPasscodeResponse>())!.Passcode);
        var audit = await client.GetStringAsync("/api/v1/audit");
        Assert.Contains("classroom.passcode-revealed", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceAccount_OfAnExistingSpace_AfterThePreview_MovesTheLinkAndFinalizesTheOldAccount()
    {
        await using var app = _world.StartApp();
        var client = await _world.SignedInAsync(app);
        var portal = await _world.CreatePortalAsync(client);
        var first = await StartAssignAsync(client, new { portalId = portal.Id, spaceId = 20, accountEmail = "aula528@" + ManagedDomain, newName = "Zoom 01 - aula528" });
        Assert.Equal("succeeded", (await WaitFinishedAsync(client, first)).Status);
        var oldRow = await _world.RowAsync(20);

        var body = new { portalId = portal.Id, spaceId = 20, accountEmail = "aula529@" + ManagedDomain, newName = "Zoom 01 - aula529", newCode = "ZOOM01B", finalizeOldAccount = true };
        var preview = (await (await client.PostAsJsonAsync("/api/v1/classrooms/preview", body)).Content.ReadFromJsonAsync<PreviewResponse>())!;
        Assert.Equal("aula528@" + ManagedDomain, preview.OldAccountEmail);
        Assert.Equal((oldRow.Link, oldRow.Nombre, oldRow.Codigo), (preview.Link.Old, preview.Name.Old, preview.Code.Old));
        Assert.Equal(("Zoom 01 - aula529", "ZOOM01B"), (preview.Name.New, preview.Code.New));

        var job = await WaitFinishedAsync(client, await StartAssignAsync(client, body));

        Assert.Equal("succeeded", job.Status);
        Assert.Equal("done", job.Items[0].Steps.Single(s => s.Name == "finalize-old").State);
        var newUser = _world.Sandbox.State.Find("aula529@" + ManagedDomain)!;
        var row = await _world.RowAsync(20);
        Assert.Equal(("Zoom 01 - aula529", "ZOOM01B"), (row.Nombre, row.Codigo));
        Assert.StartsWith(_world.Sandbox.BaseUrl + "j/" + newUser.Pmi.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Link, StringComparison.Ordinal);
        Assert.Equal("inactive", _world.Sandbox.State.Find("aula528@" + ManagedDomain)!.Status);
        Assert.Equal("aula529@" + ManagedDomain, (await ClassroomAsync(client, portal.Id, 20)).AccountEmail);
        Assert.Equal([SiuAuditUser, SiuAuditUser], await _world.AuditUpdatesAsync(20));
    }
}
