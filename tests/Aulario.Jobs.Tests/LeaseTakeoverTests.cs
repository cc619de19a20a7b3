using System.Diagnostics;
using Aulario.Core.Jobs;
using Aulario.Jobs.Tests.Infrastructure;
using Aulario.Persistence;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Jobs.Tests;

/// <summary>
/// When a job's lease may be taken before it expires: a host that stops gracefully gives it back, and a lease whose owner
/// was a process on this machine that is gone (real processes, started and killed here) is taken over at once. Every other
/// owner — alive, on another machine, or not an owner string Aulario writes — is waited for until the lease expires.
/// </summary>
public class LeaseTakeoverTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task OwnerOnThisMachineWhoseProcessIsDead_IsTakenOverAtOnce(DatabaseProvider engine)
    {
        var dead = await DeadProcessAsync();
        Assert.True(dead.IsDeadProcessOnThisMachine());
        await AssertClaimedBeforeExpiryAsync(engine, dead.ToString(), expectedBeforeExpiry: true);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task OwnerWithThisProcessIdButAnotherStartTime_IsTakenOverAtOnce(DatabaseProvider engine)
    {
        // A container restart: the new process got the dead one's id (often 1), but it started at another time.
        var self = JobOwner.ForThisProcess();
        var predecessor = self with { ProcessStartTicks = self.ProcessStartTicks - TimeSpan.FromMinutes(10).Ticks, Instance = Guid.NewGuid().ToString("N") };
        await AssertClaimedBeforeExpiryAsync(engine, predecessor.ToString(), expectedBeforeExpiry: true);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TakeoverTurnedOff_DeadOwnerOnThisMachineIsWaitedForUntilTheLeaseExpires(DatabaseProvider engine)
    {
        var dead = await DeadProcessAsync();
        await AssertClaimedBeforeExpiryAsync(engine, dead.ToString(), expectedBeforeExpiry: false, o => o.TakeOverFromDeadProcess = false);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task OwnerOnThisMachineWhoseProcessIsAlive_IsWaitedForUntilTheLeaseExpires(DatabaseProvider engine)
    {
        // Another worker of this very (live) process, with its real start time.
        var alive = JobOwner.ForThisProcess();
        Assert.False(alive.IsDeadProcessOnThisMachine());
        await AssertClaimedBeforeExpiryAsync(engine, alive.ToString(), expectedBeforeExpiry: false);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task OwnerOnAnotherMachine_IsWaitedForUntilTheLeaseExpires(DatabaseProvider engine)
    {
        // Its process id is free here, but it is another machine's process.
        var dead = await DeadProcessAsync();
        var elsewhere = dead with { Machine = "otro-" + dead.Machine };
        Assert.False(elsewhere.IsDeadProcessOnThisMachine());
        await AssertClaimedBeforeExpiryAsync(engine, elsewhere.ToString(), expectedBeforeExpiry: false);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task OwnerStringOfAnOlderVersion_IsWaitedForUntilTheLeaseExpires(DatabaseProvider engine)
    {
        // "{machine}:{pid}:{random}" as written before owners carried the start time, naming a process that is gone.
        var dead = await DeadProcessAsync();
        var old = $"{Environment.MachineName}:{dead.ProcessId}:{Guid.NewGuid():N}";
        Assert.False(JobOwner.TryParse(old, out _));
        await AssertClaimedBeforeExpiryAsync(engine, old, expectedBeforeExpiry: false);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task CancelledMidStep_ReleasesTheLease_AnotherEngineResumesAtOnceAndAppliesEachEffectOnce(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var ledger = new StepLedger();
        var keys = Enumerable.Range(1, 12).Select(i => $"item:{i}").ToList();
        Guid jobId;
        using var stop = new CancellationTokenSource();
        var ownerA = JobOwner.ForThisProcess().ToString();
        await using (var hostA = CountingApp.NewInstance(db, ledger))
        {
            jobId = await CountingApp.AddJobAsync(hostA, keys);
            ledger.BeforeStep = step =>
            {
                if (step.Item.Key != "item:7" || step.Name != "apply" || ledger.Ran("item:7", "apply") != 1) return;
                stop.Cancel(); // the host stops while this step runs
                stop.Token.ThrowIfCancellationRequested();
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CountingApp.DrainAsync(hostA, ownerA, stop.Token));
        }
        ledger.BeforeStep = null;

        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var job = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Null(job.LeaseOwner);
            Assert.True(job.LeaseExpiresAt is null || job.LeaseExpiresAt <= db.Time.GetUtcNow(), $"lease until {job.LeaseExpiresAt}");
            Assert.Equal(JobStatus.Running, job.Status);
            Assert.InRange(job.Done, 0, keys.Count - 1);
        }

        // No clock advance: the other engine (owner "host-b", which nothing could take over) starts at once.
        await using var hostB = CountingApp.NewInstance(db, ledger);
        Assert.Equal(1, await CountingApp.DrainAsync(hostB, "host-b"));
        foreach (var key in keys)
            foreach (var step in CountingJobHandler.Steps)
                Assert.True(ledger.Applied(key, step) == 1, $"{key}/{step}: applied {ledger.Applied(key, step)} times, ran {ledger.Ran(key, step)} times");
        Assert.Equal(2, ledger.Ran("item:7", "apply")); // the interrupted step ran again, from its persisted state
        Assert.Equal(1, ledger.Ran("item:7", "start"));
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var job = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal((JobStatus.Succeeded, 12, 0, (string?)null), (job.Status, job.Done, job.Failed, job.LeaseOwner));
        }
    }

    [Fact]
    public void OwnerString_RoundTrips_AndFitsTheColumn()
    {
        var owner = JobOwner.ForThisProcess();
        var text = owner.ToString();
        Assert.True(text.Length <= 128, text);
        Assert.True(JobOwner.TryParse(text, out var parsed));
        Assert.Equal(owner, parsed);
        Assert.Equal(Environment.ProcessId, parsed.ProcessId);

        var colons = owner with { Machine = "nodo:con:dos-puntos" };
        Assert.True(JobOwner.TryParse(colons.ToString(), out var withColons));
        Assert.Equal(colons, withColons);

        Assert.All(["host-a", "", "m:1:2", "m:0:638000000000000000:" + new string('a', 32), "m:12:5:" + new string('a', 32), ":1:638000000000000000:" + new string('a', 32),
            "m:1:638000000000000000:" + new string('g', 32), $"m:{new string('9', 12)}:638000000000000000:{new string('a', 32)}"],
            s => Assert.False(JobOwner.TryParse(s, out _), s));
    }

    /// <summary>
    /// A job with 5 items leased by <paramref name="owner"/> for 30 s on the fake clock; a worker of this process looks
    /// for work before the lease expires, and again after.
    /// </summary>
    private static async Task AssertClaimedBeforeExpiryAsync(DatabaseProvider engine, string owner, bool expectedBeforeExpiry, Action<JobsOptions>? jobs = null)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var ledger = new StepLedger();
        await using var host = CountingApp.NewInstance(db, ledger, jobs: jobs);
        var keys = Enumerable.Range(1, 5).Select(i => $"item:{i}").ToList();
        var jobId = await CountingApp.AddJobAsync(host, keys);
        await CountingApp.LeaseAsync(db, jobId, owner, db.Time.GetUtcNow() + Lease);
        var me = JobOwner.ForThisProcess().ToString();

        db.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(expectedBeforeExpiry ? 1 : 0, await CountingApp.DrainAsync(host, me));
        if (!expectedBeforeExpiry)
        {
            Assert.Empty(ledger.Executions);
            await using (var context = db.NewContext(out var scope))
            await using (scope)
                Assert.Equal(owner, await context.Jobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => j.LeaseOwner).SingleAsync());
            db.Time.Advance(Lease);
            Assert.Equal(1, await CountingApp.DrainAsync(host, me));
        }
        foreach (var key in keys)
            foreach (var step in CountingJobHandler.Steps)
                Assert.Equal(1, ledger.Applied(key, step));
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var job = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal((JobStatus.Succeeded, 5, (string?)null), (job.Status, job.Done, job.LeaseOwner));
        }
    }

    /// <summary>The owner a worker of a real process on this machine would have written, once that process has been killed.</summary>
    private static async Task<JobOwner> DeadProcessAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sleep", "30") { UseShellExecute = false })!;
        var owner = new JobOwner(JobOwner.ThisMachine, process.Id, process.StartTime.ToUniversalTime().Ticks, Guid.NewGuid().ToString("N"));
        Assert.False(owner.IsDeadProcessOnThisMachine()); // while it runs, it is alive
        process.Kill();
        await process.WaitForExitAsync();
        return owner;
    }
}
