using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Persistence.Audit;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Persistence.Tests;

public class AuditTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    private static readonly TimeSpan BuenosAires = TimeSpan.FromHours(-3);

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AuditEntry_IsNotSaved_WhenTheChangeItDescribesFails(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            context.Accounts.Add(new Account { Email = "aula1@inst.edu.ar" });
            await context.SaveChangesAsync();
        }
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            context.Accounts.Add(new Account { Email = "aula1@inst.edu.ar" });
            scope.ServiceProvider.GetRequiredService<IAuditLog>().Record(new Actor("ana"), "account.created", "account:aula1@inst.edu.ar");
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }
        await using (var scope = db.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AularioDbContext>().AuditEntries.CountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AuditJson_DropsEverySecretLookingProperty_AtAnyDepth(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using (var scope = db.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IAuditLog>().Record(new Actor("ana"), "portal.updated", "portal:ISSP",
                before: new { Name = "Instituto", SiuConnectionString = "Host=siu;Password=hunter2hunter2" },
                after: new
                {
                    Name = "Instituto Pérez",
                    PasswordConfigured = true,
                    Accounts = new[] { new { Email = "a@inst.edu.ar", AccountPassword = "Zk9!mQ2#vL7p", ApiToken = "tok_live_123" } },
                    Settings = new Dictionary<string, string> { ["StudentPasscode"] = "748291", ["ClientSecret"] = "s3cr3t-value" },
                });
            await scope.ServiceProvider.GetRequiredService<AularioDbContext>().SaveChangesAsync();
        }
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var entry = await scope.ServiceProvider.GetRequiredService<AularioDbContext>().AuditEntries.AsNoTracking().SingleAsync();
            var stored = entry.Before + entry.After;
            foreach (var secret in new[] { "hunter2hunter2", "Zk9!mQ2#vL7p", "tok_live_123", "748291", "s3cr3t-value" })
                Assert.DoesNotContain(secret, stored);
            Assert.Contains("\"Name\":\"Instituto Pérez\"", entry.After);
            Assert.Contains("\"PasswordConfigured\":true", entry.After);
            Assert.Contains("a@inst.edu.ar", entry.After);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AuditQuery_FiltersByPortalTargetAndScope_NewestFirst(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var issp = Guid.NewGuid();
        var other = Guid.NewGuid();
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            audit.Record(new Actor("Admin@Inst.edu.ar"), "classroom.created", "classroom:Aula 528", portalId: issp);
            db.Time.Advance(TimeSpan.FromMinutes(1));
            audit.Record(new Actor("portal-admin", ActingAs: "Docente@inst.edu.ar"), "account.updated", "account:docente@inst.edu.ar", portalId: issp);
            db.Time.Advance(TimeSpan.FromMinutes(1));
            audit.Record(new Actor("admin@inst.edu.ar"), "classroom.created", "classroom:Aula 101", portalId: other);
            db.Time.Advance(TimeSpan.FromMinutes(1));
            audit.Record(Actor.System, "settings.updated", "settings:mail");
            await scope.ServiceProvider.GetRequiredService<AularioDbContext>().SaveChangesAsync();
        }

        await using var s = db.Services.CreateAsyncScope();
        var query = s.ServiceProvider.GetRequiredService<AuditQuery>();

        var inIssp = await query.ListAsync(new AuditFilter(PortalId: issp), AdminScope.Institution, 1, 50);
        Assert.Equal(["account:docente@inst.edu.ar", "classroom:Aula 528"], inIssp.Items.Select(e => e.Target));

        var aulas = await query.ListAsync(new AuditFilter(Target: "AULA"), AdminScope.Institution, 1, 50);
        Assert.Equal(["classroom:Aula 101", "classroom:Aula 528"], aulas.Items.Select(e => e.Target));

        // The actor filter also finds the user an admin acted as, ignoring case.
        var docente = await query.ListAsync(new AuditFilter(Actor: "docente@INST"), AdminScope.Institution, 1, 50);
        Assert.Equal("portal-admin", Assert.Single(docente.Items).Actor);
        Assert.Equal(2, (await query.ListAsync(new AuditFilter(Actor: "admin@inst.edu.ar"), AdminScope.Institution, 1, 50)).TotalCount);

        // A portal admin never sees another portal's entries, nor institution-wide ones.
        var portalAdmin = await query.ListAsync(new AuditFilter(Action: "classroom."), AdminScope.Portals(issp), 1, 50);
        Assert.Equal("classroom:Aula 528", Assert.Single(portalAdmin.Items).Target);

        var second = await query.ListAsync(new AuditFilter(), AdminScope.Institution, 2, 3);
        Assert.Equal((4, 2), (second.TotalCount, second.PageCount));
        Assert.Equal("classroom:Aula 528", Assert.Single(second.Items).Target);

        var exported = new List<string>();
        await foreach (var entry in query.ExportAsync(new AuditFilter(), AdminScope.Portals(issp, other)))
            exported.Add(entry.Target);
        Assert.Equal(["classroom:Aula 101", "account:docente@inst.edu.ar", "classroom:Aula 528"], exported);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AuditQuery_DateRangeGivenInLocalTime_SelectsByInstant(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        db.Time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 2, 30, 0, TimeSpan.Zero)); // 9 March, 23:30 in Buenos Aires
        await using (var scope = db.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            audit.Record(new Actor("ana"), "account.created", "account:late@inst.edu.ar");
            db.Time.Advance(TimeSpan.FromHours(1)); // 10 March, 00:30 in Buenos Aires
            audit.Record(new Actor("ana"), "account.created", "account:next-day@inst.edu.ar");
            await scope.ServiceProvider.GetRequiredService<AularioDbContext>().SaveChangesAsync();
        }
        await using var s = db.Services.CreateAsyncScope();
        var query = s.ServiceProvider.GetRequiredService<AuditQuery>();

        var ninthOfMarch = new AuditFilter(From: new DateTimeOffset(2026, 3, 9, 0, 0, 0, BuenosAires), To: new DateTimeOffset(2026, 3, 10, 0, 0, 0, BuenosAires));
        var page = await query.ListAsync(ninthOfMarch, AdminScope.Institution, 1, 50);
        Assert.Equal("account:late@inst.edu.ar", Assert.Single(page.Items).Target);
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

    private static Account NewAccount(string email)
    {
        var a = new Account { Email = email, FirstName = "Aula", LastName = "Virtual" };
        a.RefreshSearchKey();
        return a;
    }
}
