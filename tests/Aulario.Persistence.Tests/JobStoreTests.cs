using Aulario.Core.Jobs;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Persistence.Tests;

public class JobStoreTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task JobAndItems_RoundTripWithTheirState(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var now = db.Time.GetUtcNow();
        var portal = Guid.NewGuid();
        var job = new Job
        {
            Kind = "passcodes.rotate", Status = JobStatus.WaitingForRetry, CreatedBy = "admin@inst.edu.ar", PortalId = portal,
            CreatedAt = now, StartedAt = now.AddSeconds(1), ResumeAt = now.AddHours(1), PayloadJson = """{"length":8}""",
            LeaseOwner = "web-1", LeaseExpiresAt = now.AddMinutes(2), Total = 2, Done = 1, Failed = 0,
        };
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            context.Jobs.Add(job);
            context.JobItems.AddRange(
                new JobItem { JobId = job.Id, Key = "classroom:1", Status = JobItemStatus.Succeeded, Step = "done", Attempts = 1, UpdatedAt = now },
                new JobItem
                {
                    JobId = job.Id, Key = "classroom:2", Status = JobItemStatus.Waiting, Step = "set-passcode", Attempts = 3,
                    StateJson = """{"zoomUserId":"abc"}""", LastError = "429 Too Many Requests", NotBefore = now.AddHours(1), UpdatedAt = now,
                });
            await context.SaveChangesAsync();
        }

        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var read = await context.Jobs.AsNoTracking().SingleAsync(j => j.Id == job.Id);
            Assert.Equal((JobStatus.WaitingForRetry, "passcodes.rotate", portal, now.AddHours(1), "web-1", 2, 1),
                (read.Status, read.Kind, read.PortalId, read.ResumeAt, read.LeaseOwner, read.Total, read.Done));
            Assert.Equal(job.ConcurrencyToken, read.ConcurrencyToken);

            var due = await context.JobItems.AsNoTracking()
                .Where(i => i.JobId == job.Id && i.Status != JobItemStatus.Succeeded && i.NotBefore <= now.AddHours(2))
                .OrderBy(i => i.Key).ToListAsync();
            var item = Assert.Single(due);
            Assert.Equal(("classroom:2", "set-passcode", 3, """{"zoomUserId":"abc"}""", "429 Too Many Requests"),
                (item.Key, item.Step, item.Attempts, item.StateJson, item.LastError));
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task JobItemKey_IsUniqueWithinAJobOnly(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var context = db.NewContext(out var scope);
        await using var _ = scope;
        var first = new Job { Kind = "accounts.import", CreatedBy = "ana" };
        var second = new Job { Kind = "accounts.import", CreatedBy = "ana" };
        context.Jobs.AddRange(first, second);
        context.JobItems.AddRange(new JobItem { JobId = first.Id, Key = "row:1" }, new JobItem { JobId = second.Id, Key = "row:1" });
        await context.SaveChangesAsync();

        context.JobItems.Add(new JobItem { JobId = first.Id, Key = "row:1" });
        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Job_TwoInstancesSavingTheSameVersion_OnlyOneWins(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var job = new Job { Kind = "classroom.new", CreatedBy = "ana" };
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            context.Jobs.Add(job);
            await context.SaveChangesAsync();
        }

        await using var one = db.NewContext(out var s1);
        await using var two = db.NewContext(out var s2);
        await using (s1)
        await using (s2)
        {
            var a = await one.Jobs.SingleAsync(j => j.Id == job.Id);
            var b = await two.Jobs.SingleAsync(j => j.Id == job.Id);
            // Neither caller touches the token: the context renews it on every save.
            a.LeaseOwner = "instance-a";
            a.Status = JobStatus.Running;
            b.LeaseOwner = "instance-b";
            b.Status = JobStatus.Running;
            await one.SaveChangesAsync();
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync());
            Assert.NotEqual(job.ConcurrencyToken, a.ConcurrencyToken);
        }

        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            Assert.Equal("instance-a", await context.Jobs.Where(j => j.Id == job.Id).Select(j => j.LeaseOwner).SingleAsync());
        }
    }
}
