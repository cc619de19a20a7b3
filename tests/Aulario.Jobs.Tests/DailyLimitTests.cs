using Aulario.Core.Jobs;
using Aulario.Jobs.Tests.Infrastructure;
using Aulario.Persistence;
using Aulario.Testing;
using Aulario.ZoomSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Jobs.Tests;

/// <summary>A daily-limit 429 from Zoom pauses the whole job until 00:00 UTC, with a Spanish message, and it continues afterwards.</summary>
public class DailyLimitTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task DailyLimit_PausesTheJobUntilMidnightUtc_ThenItContinues(DatabaseProvider engine)
    {
        await using var world = await PasscodeWorld.CreateAsync(engine, classrooms: 3);
        world.Sandbox.Control.Enqueue(new ScriptedFault { Status = 429, Type = "Daily-limit", RetryAfterDate = true, Method = "PATCH" });
        await using var host = world.NewInstance();
        var jobId = await world.StartRotationAsync(host);
        var jobs = host.GetRequiredService<JobEngine>();

        Assert.True(await jobs.RunNextAsync("host", CancellationToken.None));
        var midnight = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero); // the clock is at 2026-03-09 12:00 UTC
        await using (var context = world.Database.NewContext(out var scope))
        await using (scope)
        {
            var job = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal(JobStatus.WaitingForRetry, job.Status);
            Assert.Equal(midnight, job.ResumeAt);
            Assert.Contains("límite diario", job.StatusMessage, StringComparison.Ordinal);
            Assert.Null(job.LeaseOwner);
            Assert.True(job.Done < 3);
        }

        world.Time.Advance(TimeSpan.FromHours(11));
        Assert.False(await jobs.RunNextAsync("host", CancellationToken.None)); // 23:00: still paused
        world.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.True(await jobs.RunNextAsync("host", CancellationToken.None));

        await using (var context = world.Database.NewContext(out var scope))
        await using (scope)
        {
            var job = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.Equal((JobStatus.Succeeded, 3, 0, (DateTimeOffset?)null), (job.Status, job.Done, job.Failed, job.ResumeAt));
        }
        Assert.Equal(1, world.Sandbox.State.Stats.Daily429);
        foreach (var (zoomId, _) in world.Classrooms)
            Assert.Equal(1, world.Sandbox.State.Stats.WritesByUser[zoomId]);
        await world.AssertRotatedAsync();
    }
}
