using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Core.Portals;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Persistence.Tests;

public class AccountStoreTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Email_IsStoredLowerCase_AndUniqueWhateverTheCase(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            context.Accounts.Add(new Account { Email = " Aula528@Inst.EDU.ar " });
            await context.SaveChangesAsync();
        }
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            Assert.Equal("aula528@inst.edu.ar", await context.Accounts.Select(a => a.Email).SingleAsync());
            context.Accounts.Add(new Account { Email = "AULA528@inst.edu.ar" });
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task ZoomUserId_IsUniqueButManyAccountsMayHaveNone(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var context = db.NewContext(out var scope);
        await using var _ = scope;
        context.Accounts.AddRange(
            new Account { Email = "pending1@inst.edu.ar" },
            new Account { Email = "pending2@inst.edu.ar" },
            new Account { Email = "active@inst.edu.ar", ZoomUserId = "KDcuGIm1QgePTO8WbOqwIQ" });
        await context.SaveChangesAsync();

        context.Accounts.Add(new Account { Email = "other@inst.edu.ar", ZoomUserId = "KDcuGIm1QgePTO8WbOqwIQ" });
        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PortalCode_IsUnique(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var context = db.NewContext(out var scope);
        await using var _ = scope;
        context.Portals.Add(new Portal { Code = "ISSP", Name = "Instituto Superior" });
        await context.SaveChangesAsync();
        context.Portals.Add(new Portal { Code = "ISSP", Name = "Otro" });
        await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task AccountList_FiltersByPortalAndSortsBySignInDate(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var issp = Guid.NewGuid();
        var now = db.Time.GetUtcNow();
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            for (var i = 0; i < 12; i++)
            {
                var account = new Account
                {
                    Email = $"docente{i:D2}@inst.edu.ar",
                    Status = AccountStatus.Active,
                    PortalId = i < 8 ? issp : null,
                    CreatedAt = now.AddDays(-i),
                    // Newest sign-in first is docente07, then 06 …; docente00 signed in long ago. Offsets differ on purpose.
                    LastSignInAt = i == 0 ? now.AddDays(-30) : now.AddHours(i).ToOffset(TimeSpan.FromHours(-3)),
                };
                account.RefreshSearchKey();
                context.Accounts.Add(account);
            }
            await context.SaveChangesAsync();
        }

        await using var s = db.Services.CreateAsyncScope();
        var queries = new AccountQueries(s.ServiceProvider.GetRequiredService<IAularioDb>());
        var page = await queries.ListAsync(
            new AccountListQuery(AccountFilter.Active, Sort: AccountSort.LastSignIn, Descending: true, PageNumber: 1, PageSize: 3),
            AdminScope.Portals(issp));

        Assert.Equal(8, page.Page.TotalCount);
        Assert.Equal(3, page.Page.PageCount);
        Assert.Equal(["docente07@inst.edu.ar", "docente06@inst.edu.ar", "docente05@inst.edu.ar"], page.Page.Items.Select(a => a.Email));
        Assert.All(page.Page.Items, a => Assert.Equal(issp, a.PortalId));
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

    private static Account NewAccount(string email)
    {
        var a = new Account { Email = email, FirstName = "Aula", LastName = "Virtual" };
        a.RefreshSearchKey();
        return a;
    }
}
