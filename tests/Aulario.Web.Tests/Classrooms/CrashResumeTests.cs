using static Aulario.Web.Tests.Classrooms.ClassroomWorld;

namespace Aulario.Web.Tests.Classrooms;

/// <summary>Stop the app while the item waits for the activation; a new host on the same database finishes with one Zoom user and one SIU update.</summary>
public sealed class CrashResumeTests : IAsyncLifetime
{
    private ClassroomWorld _world = null!;

    public async Task InitializeAsync() => _world = await ClassroomWorld.CreateAsync();
    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task HostStopsWhileWaitingForActivation_NewHostFinishes_OneZoomUser_OneSiuUpdate()
    {
        const string email = "aula950@otra.edu.ar";
        Guid jobId, portalId;
        await using (var first = _world.StartApp())
        {
            var client = await _world.SignedInAsync(first);
            portalId = (await _world.CreatePortalAsync(client)).Id;
            jobId = await StartAssignAsync(client, new { portalId, spaceId = 21, accountEmail = email, newName = "Zoom 02 - aula950", newCode = "Z950" });
            await WaitForJobAsync(client, jobId, j => j.Items[0].Status == "waiting" && j.Items[0].Step == "activation");
        }

        await _world.ActivateFromMailboxAsync(email);

        await using var second = _world.StartApp();
        var again = await _world.SignedInAsync(second);
        var job = await WaitFinishedAsync(again, jobId);

        Assert.Equal("succeeded", job.Status);
        Assert.Equal(1, _world.Sandbox.State.Stats.UsersCreatedByEmail[email]);
        Assert.Equal([SiuAuditUser], await _world.AuditUpdatesAsync(21));
        Assert.Equal(("Zoom 02 - aula950", "Z950"), ((await _world.RowAsync(21)).Nombre, (await _world.RowAsync(21)).Codigo));
        Assert.Equal("ready", (await ClassroomAsync(again, portalId, 21)).State);
    }
}
