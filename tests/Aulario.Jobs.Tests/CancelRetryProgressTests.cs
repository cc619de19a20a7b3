using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Jobs.Tests.Infrastructure;
using Aulario.Persistence;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Jobs.Tests;

public class CancelRetryProgressTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Cancel_StopsTheJobAndItsPendingItems_AndCannotCancelTwice(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var ledger = new StepLedger();
        await using var host = CountingApp.NewInstance(db, ledger);
        var jobId = await CountingApp.AddJobAsync(host, ["a", "b", "c"]);

        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            Assert.True((await JobEngine.CancelAsync(context, audit, jobId, new Actor("ana"), AdminScope.Institution)).IsSuccess);
            var again = await JobEngine.CancelAsync(context, audit, jobId, new Actor("ana"), AdminScope.Institution);
            Assert.Equal("job.finished", again.Errors[0].Code);
        }
        Assert.Equal(0, await CountingApp.DrainAsync(host, "host"));
        Assert.Empty(ledger.Executions);
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            Assert.Equal(JobStatus.Cancelled, (await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId)).Status);
            Assert.All(await context.JobItems.AsNoTracking().Where(i => i.JobId == jobId).ToListAsync(), i => Assert.Equal(JobItemStatus.Cancelled, i.Status));
            Assert.Equal(1, await context.AuditEntries.CountAsync(a => a.Action == "job.cancelled"));
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task RetryFailed_RunsOnlyTheFailedItemsAgain_UntilTheJobSucceeds(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var ledger = new StepLedger();
        await using var host = CountingApp.NewInstance(db, ledger);
        var jobId = await CountingApp.AddJobAsync(host, ["ok:1", "fail:2", "ok:3", "fail:4"]);

        Assert.Equal(1, await CountingApp.DrainAsync(host, "host"));
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var job = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal((JobStatus.Failed, 2, 2), (job.Status, job.Done, job.Failed));
            var failed = await context.JobItems.AsNoTracking().SingleAsync(i => i.JobId == jobId && i.Key == "fail:2");
            Assert.Equal((JobItemStatus.Failed, "Rechazado en el primer intento."), (failed.Status, failed.LastError));
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            Assert.True((await JobEngine.RetryFailedAsync(context, audit, jobId, new Actor("ana"), AdminScope.Institution)).IsSuccess);
        }

        Assert.Equal(1, await CountingApp.DrainAsync(host, "host"));
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var job = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal((JobStatus.Succeeded, 4, 0), (job.Status, job.Done, job.Failed));
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            var nothing = await JobEngine.RetryFailedAsync(context, audit, jobId, new Actor("ana"), AdminScope.Institution);
            Assert.Equal("job.nothing-to-retry", nothing.Errors[0].Code);
        }
        Assert.Equal((1, 1), (ledger.Ran("ok:1", "start"), ledger.Ran("ok:1", "finish")));
        Assert.Equal((2, 1), (ledger.Ran("fail:2", "start"), ledger.Ran("fail:2", "finish")));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Progress_CountsItemsAndEstimatesTheTimeLeft_WithinTheAdminsScope(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var ledger = new StepLedger { AdvanceClockPerItem = db.Time };
        await using var host = CountingApp.NewInstance(db, ledger);
        var portal = Guid.NewGuid();
        var jobId = await CountingApp.AddJobAsync(host, ["ok:1", "ok:2", "ok:3", "ok:4", "wait:5", "wait:6"], portal);

        Assert.Equal(1, await CountingApp.DrainAsync(host, "host")); // 4 items done in 4 minutes; 2 wait an hour
        await using var context = db.NewContext(out var scope);
        await using (scope)
        {
            var progress = await JobEngine.ProgressAsync(context, jobId, AdminScope.Portals(portal), db.Time);
            Assert.True(progress.IsSuccess);
            var p = progress.Value;
            Assert.Equal((6, 4, 0, 2, 2), (p.Total, p.Succeeded, p.Failed, p.Waiting, p.Remaining));
            Assert.Equal(TimeSpan.FromMinutes(2), p.EstimatedTimeLeft); // 1 minute per item so far × 2 remaining
            Assert.Equal("Esperando una hora.", p.Items.Single(i => i.Key == "wait:5").LastError);

            var other = await JobEngine.ProgressAsync(context, jobId, AdminScope.Portals(Guid.NewGuid()), db.Time);
            Assert.Equal("job.not-found", other.Errors[0].Code);
        }
    }
}
