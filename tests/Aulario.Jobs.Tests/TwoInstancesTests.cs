using Aulario.Core.Jobs;
using Aulario.Jobs.Tests.Infrastructure;
using Aulario.Persistence;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Jobs.Tests;

/// <summary>Two app instances (two service providers) running the job engine at once on one PostgreSQL database.</summary>
public class TwoInstancesTests
{
    [Fact]
    public async Task TwoInstancesOnOnePostgresDatabase_ProcessEveryItemExactlyOnce()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var ledger = new StepLedger();
        await using var hostA = CountingApp.NewInstance(db, ledger);
        await using var hostB = CountingApp.NewInstance(db, ledger);
        var jobs = new List<Guid>();
        for (var j = 0; j < 6; j++)
            jobs.Add(await CountingApp.AddJobAsync(j % 2 == 0 ? hostA : hostB, Enumerable.Range(1, 20).Select(i => $"job{j}:item{i}")));

        // Both hosts' worker loops start together and race for the same jobs.
        using var start = new SemaphoreSlim(0, 2);
        var a = Task.Run(async () => { await start.WaitAsync(); return await CountingApp.DrainAsync(hostA, "host-a"); });
        var b = Task.Run(async () => { await start.WaitAsync(); return await CountingApp.DrainAsync(hostB, "host-b"); });
        start.Release(2);
        var runs = await a + await b;
        // A host whose loop ended early may have left nothing; one more pass of each finds nothing to do.
        runs += await CountingApp.DrainAsync(hostA, "host-a") + await CountingApp.DrainAsync(hostB, "host-b");

        Assert.Equal(6, runs);
        for (var j = 0; j < 6; j++)
        {
            for (var i = 1; i <= 20; i++)
            {
                foreach (var step in CountingJobHandler.Steps)
                {
                    Assert.Equal(1, ledger.Ran($"job{j}:item{i}", step));
                    Assert.Equal(1, ledger.Applied($"job{j}:item{i}", step));
                }
            }
        }
        Assert.Equal(6 * 20 * 3, ledger.Executions.Values.Sum());
        await using var context = db.NewContext(out var scope);
        await using (scope)
        {
            var finished = await context.Jobs.AsNoTracking().Where(x => jobs.Contains(x.Id)).ToListAsync();
            Assert.All(finished, x => Assert.Equal((JobStatus.Succeeded, 20, 0, (string?)null), (x.Status, x.Done, x.Failed, x.LeaseOwner)));
        }
    }
}
