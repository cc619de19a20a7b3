using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Jobs.Tests.Infrastructure;

/// <summary>App instances that run only "test.count" jobs, and helpers to add jobs and run a worker loop.</summary>
public static class CountingApp
{
    public static ServiceProvider NewInstance(TestDatabase db, StepLedger ledger, int parallel = 4, Action<JobsOptions>? jobs = null) =>
        db.CreateInstance(db.Time, (services, _) =>
        {
            services.AddSingleton(ledger);
            services.AddScoped<IJobHandler, CountingJobHandler>();
            services.AddOptions<JobsOptions>().Configure(o =>
            {
                o.MaxParallelItems = parallel;
                jobs?.Invoke(o);
            });
            services.AddSingleton<JobEngine>();
        });

    public static async Task<Guid> AddJobAsync(IServiceProvider instance, IEnumerable<string> keys, Guid? portalId = null)
    {
        await using var scope = instance.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAularioDb>();
        var job = JobEngine.Add(db, scope.ServiceProvider.GetRequiredService<IAuditLog>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(),
            CountingJobHandler.KindName, new Actor("ana"), portalId, null, keys.Select(k => (k, (object?)null)));
        await db.SaveChangesAsync();
        return job.Id;
    }

    /// <summary>
    /// Leaves the job as a worker that claimed it and then died without a word leaves it: running, leased by
    /// <paramref name="owner"/> until <paramref name="until"/>, with a new concurrency token.
    /// </summary>
    public static async Task LeaseAsync(TestDatabase db, Guid jobId, string owner, DateTimeOffset until)
    {
        await using var context = db.NewContext(out var scope);
        await using (scope)
        {
            var updated = await context.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Running)
                .SetProperty(j => j.LeaseOwner, owner)
                .SetProperty(j => j.LeaseExpiresAt, until)
                .SetProperty(j => j.ConcurrencyToken, Guid.NewGuid()));
            Assert.Equal(1, updated);
        }
    }

    /// <summary>A host's worker loop: runs jobs until none is runnable now.</summary>
    public static async Task<int> DrainAsync(IServiceProvider instance, string owner, CancellationToken ct = default)
    {
        var engine = instance.GetRequiredService<JobEngine>();
        var runs = 0;
        while (await engine.RunNextAsync(owner, ct)) runs++;
        return runs;
    }
}
