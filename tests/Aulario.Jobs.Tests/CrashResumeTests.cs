using Aulario.Core.Jobs;
using Aulario.Jobs.Tests.Infrastructure;
using Aulario.Persistence;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Jobs.Tests;

/// <summary>
/// An instance dies in the middle of a job; a new instance takes it over once the lease expires and finishes it. The
/// instance is stopped by cancelling its token mid-step, which makes the engine give its lease back (a graceful stop,
/// see <see cref="LeaseTakeoverTests"/>); a killed process cannot do that, so each test then puts back the lease the dead
/// instance held (owner "host-a", not an owner string this machine could take over early) before the new instance looks.
/// </summary>
public class CrashResumeTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task StepCancelledMidJob_NewInstanceResumesAfterTheLease_EachEffectAppliedOnce(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var ledger = new StepLedger();
        var keys = Enumerable.Range(1, 12).Select(i => $"item:{i}").ToList();
        Guid jobId;
        using var kill = new CancellationTokenSource();
        await using (var hostA = CountingApp.NewInstance(db, ledger))
        {
            jobId = await CountingApp.AddJobAsync(hostA, keys);
            ledger.BeforeStep = step =>
            {
                if (step.Item.Key != "item:7" || step.Name != "apply" || ledger.Ran("item:7", "apply") != 1) return;
                kill.Cancel(); // the process dies while this step runs
                kill.Token.ThrowIfCancellationRequested();
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CountingApp.DrainAsync(hostA, "host-a", kill.Token));
        }
        ledger.BeforeStep = null;
        Assert.Equal(0, ledger.Applied("item:7", "apply"));
        await CountingApp.LeaseAsync(db, jobId, "host-a", db.Time.GetUtcNow() + TimeSpan.FromSeconds(30));

        await using var hostB = CountingApp.NewInstance(db, ledger);
        Assert.Equal(0, await CountingApp.DrainAsync(hostB, "host-b")); // the dead instance's lease still holds
        db.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await CountingApp.DrainAsync(hostB, "host-b"));

        foreach (var key in keys)
            foreach (var step in CountingJobHandler.Steps)
                Assert.True(ledger.Applied(key, step) == 1, $"{key}/{step}: applied {ledger.Applied(key, step)} times, ran {ledger.Ran(key, step)} times");
        Assert.Equal(2, ledger.Ran("item:7", "apply")); // the interrupted step ran again, from its persisted state
        Assert.Equal(1, ledger.Ran("item:7", "start")); // the persisted step before it did not
        await using var context = db.NewContext(out var scope);
        await using (scope)
        {
            var job = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal((JobStatus.Succeeded, 12, 0), (job.Status, job.Done, job.Failed));
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PasscodeRotationKilledRightAfterZoomAppliedAPatch_NewInstanceFinishesWithOneWritePerClassroom(DatabaseProvider engine)
    {
        await using var world = await PasscodeWorld.CreateAsync(engine, classrooms: 5);
        using var kill = new CancellationTokenSource();
        var patches = 0;
        Guid jobId;
        await using (var hostA = world.NewInstance(() => new KillAfterPatch(kill, () => Interlocked.Increment(ref patches) == 2)))
        {
            jobId = await world.StartRotationAsync(hostA);
            var engineA = hostA.GetRequiredService<JobEngine>();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engineA.RunNextAsync("host-a", kill.Token));
        }
        Assert.True(world.Sandbox.State.Stats.WritesByUser.Count >= 2); // Zoom applied at least the PATCH whose answer was lost
        await CountingApp.LeaseAsync(world.Database, jobId, "host-a", world.Time.GetUtcNow() + TimeSpan.FromSeconds(30));

        await using var hostB = world.NewInstance();
        var engineB = hostB.GetRequiredService<JobEngine>();
        Assert.False(await engineB.RunNextAsync("host-b", CancellationToken.None));
        world.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await engineB.RunNextAsync("host-b", CancellationToken.None));

        await using (var context = world.Database.NewContext(out var scope))
        await using (scope)
        {
            var job = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal((JobStatus.Succeeded, 5, 0), (job.Status, job.Done, job.Failed));
        }
        foreach (var (zoomId, _) in world.Classrooms)
            Assert.Equal(1, world.Sandbox.State.Stats.WritesByUser[zoomId]);
        await world.AssertRotatedAsync();
    }

    /// <summary>Kills the instance (cancels its token) as soon as a chosen PATCH succeeded at Zoom, before the client reads the answer.</summary>
    private sealed class KillAfterPatch(CancellationTokenSource kill, Func<bool> isTheOne) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var response = await base.SendAsync(request, ct);
            if (request.Method == HttpMethod.Patch && response.IsSuccessStatusCode && isTheOne())
            {
                response.Dispose();
                await kill.CancelAsync();
                ct.ThrowIfCancellationRequested();
                throw new OperationCanceledException(kill.Token);
            }
            return response;
        }
    }
}
