using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Core.Secrets;
using Aulario.Persistence;
using Aulario.Persistence.Audit;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Persistence.Tests;

public class PersistenceTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Migrations_CoverTheWholeModel(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var context = db.NewContext(out var scope);
        await using var _ = scope;
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.False(context.Database.HasPendingModelChanges(), "The model changed without a migration: see src/Aulario.Persistence/README.md");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Account_EmailIsUnique(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var context = db.NewContext(out var scope);
        await using var _ = scope;
        context.Accounts.Add(NewAccount("aula1@inst.edu.ar"));
        await context.SaveChangesAsync();
        context.Accounts.Add(NewAccount("aula1@inst.edu.ar"));
        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AccountQueries_FilterSearchSortAndPageOnBothEngines(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using (var s = db.Services.CreateAsyncScope())
        {
            var context = s.ServiceProvider.GetRequiredService<AularioDbContext>();
            var start = db.Time.GetUtcNow();
            for (var i = 0; i < 30; i++)
            {
                var a = NewAccount($"user{i:D2}@inst.edu.ar");
                a.Status = (AccountStatus)(i % 3);
                a.LastName = i % 2 == 0 ? "Pérez" : "Gómez";
                a.CreatedAt = start.AddMinutes(-i);
                a.LastSignInAt = i % 5 == 0 ? null : start.AddHours(-i);
                a.RefreshSearchKey();
                context.Accounts.Add(a);
            }
            await context.SaveChangesAsync();
        }
        await using var scope = db.Services.CreateAsyncScope();
        var queries = new AccountQueries(scope.ServiceProvider.GetRequiredService<IAularioDb>());

        var pending = await queries.ListAsync(new AccountListQuery(AccountFilter.Pending, PageSize: 4), AdminScope.Institution);
        Assert.Equal(10, pending.Page.TotalCount);
        Assert.Equal(4, pending.Page.Items.Count);
        Assert.All(pending.Page.Items, a => Assert.Equal(AccountStatus.Pending, a.Status));
        Assert.Equal(new AccountCounts(10, 10, 10), pending.Counts);

        var search = await queries.ListAsync(new AccountListQuery(Search: "PÉREZ"), AdminScope.Institution);
        Assert.Equal(15, search.Page.TotalCount);

        var newest = await queries.ListAsync(new AccountListQuery(Sort: AccountSort.Created, Descending: true, PageSize: 3), AdminScope.Institution);
        Assert.Equal(["user00@inst.edu.ar", "user01@inst.edu.ar", "user02@inst.edu.ar"], newest.Page.Items.Select(a => a.Email));

        var page3 = await queries.ListAsync(new AccountListQuery(Sort: AccountSort.Email, PageNumber: 3, PageSize: 10), AdminScope.Institution);
        Assert.Equal("user20@inst.edu.ar", page3.Page.Items[0].Email);

        var exported = await queries.ExportAsync(new AccountListQuery(AccountFilter.Active), AdminScope.Institution).CountAsync();
        Assert.Equal(10, exported);

        var outOfScope = await queries.ListAsync(new AccountListQuery(), AdminScope.Portals(Guid.NewGuid()));
        Assert.Equal(0, outOfScope.Page.TotalCount);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AuditLog_IsSavedWithTheChangeAndNeverHoldsSecrets(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            var context = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            context.Accounts.Add(NewAccount("aula9@inst.edu.ar"));
            audit.Record(new Actor("admin@inst.edu.ar", "host@inst.edu.ar"), "account.created", "account:aula9@inst.edu.ar",
                before: null, after: new { Email = "aula9@inst.edu.ar", Password = "Sup3r-Secreta!", PmiPasscode = "Aula1234", Nested = new { ClientSecret = "x" } });
            await context.SaveChangesAsync();
        }
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var entry = await scope.ServiceProvider.GetRequiredService<AularioDbContext>().AuditEntries.SingleAsync();
            Assert.Equal("admin@inst.edu.ar", entry.Actor);
            Assert.Equal("host@inst.edu.ar", entry.ActingAs);
            Assert.Contains("aula9@inst.edu.ar", entry.After);
            Assert.DoesNotContain("Sup3r-Secreta!", entry.After);
            Assert.DoesNotContain("Aula1234", entry.After);
            Assert.DoesNotContain("ClientSecret", entry.After);
            Assert.Equal(db.Time.GetUtcNow(), entry.At);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AuditQuery_FiltersByActorActionTargetAndDate(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            audit.Record(new Actor("ana"), "account.created", "account:a@x.edu.ar");
            db.Time.Advance(TimeSpan.FromDays(1));
            audit.Record(new Actor("beto"), "account.finalized", "account:b@x.edu.ar");
            db.Time.Advance(TimeSpan.FromDays(1));
            audit.Record(new Actor("ana"), "portal.created", "portal:ISSP");
            await scope.ServiceProvider.GetRequiredService<AularioDbContext>().SaveChangesAsync();
        }
        await using var s = db.Services.CreateAsyncScope();
        var query = s.ServiceProvider.GetRequiredService<AuditQuery>();
        Assert.Equal(2, (await query.ListAsync(new AuditFilter(Actor: "ana"), AdminScope.Institution, 1, 50)).TotalCount);
        Assert.Equal(2, (await query.ListAsync(new AuditFilter(Action: "account."), AdminScope.Institution, 1, 50)).TotalCount);
        Assert.Equal("portal:ISSP", (await query.ListAsync(new AuditFilter(), AdminScope.Institution, 1, 1)).Items[0].Target);
        var middle = await query.ListAsync(new AuditFilter(From: db.Time.GetUtcNow().AddHours(-30), To: db.Time.GetUtcNow().AddHours(-1)), AdminScope.Institution, 1, 50);
        Assert.Equal("beto", Assert.Single(middle.Items).Actor);
        Assert.Equal(3, await query.ExportAsync(new AuditFilter(), AdminScope.Institution).CountAsync());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task DataProtectionKeys_SurviveARestart(DatabaseProvider engine)
    {
        await using var first = await TestDatabase.CreateAsync(engine);
        var protectedText = first.Services.GetRequiredService<ISecretProtector>().Protect("contraseña-de-aula");
        Assert.DoesNotContain("contraseña", protectedText);

        // A second service provider on the same database is a restart, or another instance.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Aulario"] = first.ConnectionString, ["Database:Provider"] = engine.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAularioPersistence(configuration, Path.GetTempPath());
        services.AddAularioDataProtection();
        await using var second = services.BuildServiceProvider();
        Assert.Equal("contraseña-de-aula", second.GetRequiredService<ISecretProtector>().Unprotect(protectedText));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Job_ItemKeysAreUniqueAndClaimsUseOptimisticConcurrency(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var job = new Job { Kind = "test", CreatedBy = "ana", CreatedAt = db.Time.GetUtcNow() };
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            context.Jobs.Add(job);
            context.JobItems.Add(new JobItem { JobId = job.Id, Key = "a" });
            await context.SaveChangesAsync();
            context.JobItems.Add(new JobItem { JobId = job.Id, Key = "a" });
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }

        var one = db.NewContext(out var s1);
        var two = db.NewContext(out var s2);
        await using (s1)
        await using (s2)
        {
            var a = await one.Jobs.SingleAsync(j => j.Id == job.Id);
            var b = await two.Jobs.SingleAsync(j => j.Id == job.Id);
            a.LeaseOwner = "instance-a"; a.ConcurrencyToken = Guid.NewGuid();
            b.LeaseOwner = "instance-b"; b.ConcurrencyToken = Guid.NewGuid();
            await one.SaveChangesAsync();
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync());
        }
    }

    private static Account NewAccount(string email)
    {
        var a = new Account { Email = email, FirstName = "Aula", LastName = "Virtual" };
        a.RefreshSearchKey();
        return a;
    }
}
