using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Persistence.Tests;

/// <summary>Core's job engine against the real engines: its claim and batch queries translate, and parallel items save without conflicts.</summary>
public class JobEngineStoreTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task JobEngine_RunsEveryItemThroughItsStepsToSuccess(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine, (services, _) =>
        {
            services.AddOptions<JobsOptions>().Configure(o => o.MaxParallelItems = 4);
            services.AddScoped<IJobHandler, TwoStepHandler>();
            services.AddSingleton<JobEngine>();
        });
        Job job;
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<IAularioDb>();
            job = JobEngine.Add(context, scope.ServiceProvider.GetRequiredService<IAuditLog>(), db.Time, TwoStepHandler.KindName,
                new Actor("ana"), portalId: null, payload: new { note = "prueba" },
                Enumerable.Range(1, 12).Select(i => ($"item:{i}", (object?)new TwoStepState { Number = i })));
            await context.SaveChangesAsync();
        }

        var engineRuns = db.Services.GetRequiredService<JobEngine>();
        Assert.True(await engineRuns.RunNextAsync("instance-a", CancellationToken.None));
        Assert.False(await engineRuns.RunNextAsync("instance-a", CancellationToken.None));

        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var done = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == job.Id);
            Assert.Equal((JobStatus.Succeeded, 12, 12, 0), (done.Status, done.Total, done.Done, done.Failed));
            var items = await context.JobItems.AsNoTracking().Where(i => i.JobId == job.Id).ToListAsync();
            Assert.All(items, i => Assert.Equal(JobItemStatus.Succeeded, i.Status));
            Assert.All(items, i => Assert.Contains("\"finished\":true", i.StateJson));
            Assert.Equal(1, await context.AuditEntries.CountAsync(a => a.Action == "job.created"));
        }
    }

    private sealed class TwoStepState
    {
        public int Number { get; set; }
        public bool Finished { get; set; }
    }

    private sealed class TwoStepHandler : IJobHandler
    {
        public const string KindName = "test.two-steps";
        public string Kind => KindName;

        public Task<StepOutcome> RunStepAsync(JobStep step, CancellationToken ct)
        {
            var state = step.State<TwoStepState>();
            return Task.FromResult<StepOutcome>(step.Name switch
            {
                "start" => new StepOutcome.Next("finish", state),
                _ => new StepOutcome.Completed(new TwoStepState { Number = state.Number, Finished = true }),
            });
        }
    }
}
