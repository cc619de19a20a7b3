using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Core.Portals;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Search_IsASubstringFrom3Characters_AWordPrefixBelow_IgnoringCaseAndAccents_OddTermsIncluded(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            context.Accounts.AddRange(
                Named("ana@inst.edu.ar", "Ana", "Pérez"),
                Named("jose@inst.edu.ar", "José", "Gómez"),
                Named("aula4@inst.edu.ar", "Aula", "4"),
                Named("aula40@inst.edu.ar", "Aula", "40"),
                Named("x_y%z@inst.edu.ar", "Raro", "O\"Neil"),
                Named("xay@inst.edu.ar", "Común", "Zapata"),
                Named("lu@inst.edu.ar", "Lucía", "Nuñez"));
            await context.SaveChangesAsync();
        }
        await using var s = db.Services.CreateAsyncScope();
        var queries = new AccountQueries(s.ServiceProvider.GetRequiredService<IAularioDb>());
        async Task<string[]> Find(string q) =>
            [.. (await queries.ListAsync(new AccountListQuery(Search: q, PageSize: 200), AdminScope.Institution)).Page.Items.Select(a => a.Email.Split('@')[0]).Order()];

        Assert.Equal(["ana"], await Find("PÉREZ"));
        Assert.Equal(["ana"], await Find("perez"));              // accents do not matter, either way
        Assert.Equal(["ana"], await Find("Pe\u0301rez"));        // an accent typed as a separate mark
        Assert.Equal(["lu"], await Find("núñez"));
        Assert.Equal(["lu"], await Find("LUCIA NU"));
        Assert.Equal(["lu"], await Find("nu"));
        Assert.Equal(["jose"], await Find("gomez"));
        Assert.Equal(["ana"], await Find("REZ"));              // 3 characters: anywhere
        Assert.Equal(["jose"], await Find("mez"));
        // 1–2 letters or digits: words (runs of letters and digits of the email and names) that begin with them.
        Assert.Equal(["jose"], await Find("JO"));
        Assert.Equal(["jose"], await Find("g"));                 // Gómez
        Assert.Equal(["ana"], await Find("pé"));
        Assert.Empty(await Find("ez"));                         // inside "pérez" and "gómez", at the start of no word
        Assert.Equal(await Find("e"), await Find("é"));         // "edu" in every e-mail
        Assert.Equal(["aula4", "aula40"], await Find("4"));      // the name "4" and "40"
        Assert.Equal(["aula40"], await Find("40"));
        Assert.Equal(["x_y%z"], await Find("ne"));               // "o\"neil": the quote separates words
        Assert.Equal(["aula4", "aula40"], await Find("a 4"));    // across the email/name boundary, space included
        Assert.Equal(["aula40"], await Find("aula 40"));
        Assert.Equal(["aula4", "aula40"], await Find("  AULA4 ")); // trimmed
        Assert.Equal(["x_y%z"], await Find("_"));                // LIKE wildcards are literal
        Assert.Equal(["x_y%z"], await Find("y%z"));
        Assert.Equal(["x_y%z"], await Find("x_y"));
        Assert.Empty(await Find("x%y"));
        Assert.Equal(["x_y%z"], await Find("o\"n"));            // FTS5 phrase quoting
        Assert.Equal(["xay"], await Find("común zap"));
        Assert.Equal(["xay"], await Find("comun zap"));
        Assert.Empty(await Find("inexistente"));

        // The index follows edits and deletes.
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var ana = await context.Accounts.SingleAsync(a => a.Email == "ana@inst.edu.ar");
            ana.LastName = "Benítez";
            ana.RefreshSearchKey();
            context.Accounts.Remove(await context.Accounts.SingleAsync(a => a.Email == "jose@inst.edu.ar"));
            await context.SaveChangesAsync();
        }
        Assert.Empty(await Find("pérez"));
        Assert.Equal(["ana"], await Find("benítez"));
        Assert.Empty(await Find("gómez"));
        Assert.Equal(["ana"], await Find("be"));
        Assert.Empty(await Find("pé"));
        Assert.Equal(["ana"], await Find("ítez"));
        Assert.Equal(["ana"], await Find("benitez"));
        var counted = await queries.ListAsync(new AccountListQuery(AccountFilter.Pending, Search: "aula"), AdminScope.Institution);
        Assert.Equal((2, new AccountCounts(0, 2, 0)), (counted.Page.TotalCount, counted.Counts));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task SearchResults_FollowChangesToStatusPortalNamesLicenseAndSignIns_InEveryScopeFilterAndSort(DatabaseProvider engine)
    {
        // SQLite counts and sorts a search's matches on copies of these columns kept by triggers: every change must reach them.
        await using var db = await TestDatabase.CreateAsync(engine);
        var start = db.Time.GetUtcNow();
        var issp = Guid.NewGuid();
        var other = Guid.NewGuid();
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            for (var i = 0; i < 12; i++)
            {
                var a = Named($"r{i:D2}@inst.edu.ar", i % 2 == 0 ? "Rosa" : "Ana", i % 3 == 0 ? "Romero" : "Díaz");
                a.Status = (AccountStatus)(i % 3);
                a.PortalId = i < 5 ? issp : i < 9 ? other : null;
                a.LastSignInAt = i % 4 == 0 ? null : start.AddDays(-i);
                context.Accounts.Add(a);
            }
            await context.SaveChangesAsync();
        }
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            // In e-mail order, so each change below is made to a known account (all[0] is r00: Rosa Romero, pending → finalized).
            var all = await context.Accounts.OrderBy(a => a.Email).ToListAsync();
            all[0].Status = AccountStatus.Finalized;
            all[1].PortalId = other;
            all[2].LastName = "Ríos";
            all[2].RefreshSearchKey();
            all[3].FirstName = "Roberto";
            all[3].RefreshSearchKey();
            all[4].LastSignInAt = start.AddDays(1);
            all[5].LicenseType = LicenseType.Basic;
            all[6].PortalId = null;
            context.Accounts.Remove(all[7]);
            context.Accounts.Add(Named("nuevo@inst.edu.ar", "Rocío", "Paz"));
            await context.SaveChangesAsync();
        }

        await using var s = db.Services.CreateAsyncScope();
        var store = s.ServiceProvider.GetRequiredService<IAularioDb>();
        var queries = new AccountQueries(store);
        var concurrent = new AccountQueries(store, db.Services.GetRequiredService<IServiceScopeFactory>());
        var keys = await store.Accounts.Select(a => new { a.Id, a.SearchKey }).ToListAsync();
        foreach (var search in new[] { "inst", "ro", "ROMERO", "ríos", "r0" })
        {
            var term = AccountSearchTerm.Parse(search)!;
            var matching = keys.Where(k => term.Matches(k.SearchKey)).Select(k => k.Id).ToList();
            foreach (var adminScope in new[] { AdminScope.Institution, AdminScope.Portals(issp), AdminScope.Portals(issp, other) })
            foreach (var filter in Enum.GetValues<AccountFilter>())
            foreach (var sort in new[] { AccountSort.Name, AccountSort.Status, AccountSort.LicenseType, AccountSort.LastSignIn })
            {
                var expected = await AccountListing.Sorted(AccountListing.Filtered(AccountListing.Scoped(store.Accounts.Where(a => matching.Contains(a.Id)), adminScope), filter), sort, false)
                    .Select(a => a.Email).ToListAsync();
                var inScope = await AccountListing.Scoped(store.Accounts.Where(a => matching.Contains(a.Id)), adminScope).Select(a => a.Status).ToListAsync();
                foreach (var reader in new[] { queries, concurrent })
                {
                    var listed = await reader.ListAsync(new AccountListQuery(filter, search, sort, PageSize: AccountQueries.MaxPageSize), adminScope);
                    Assert.True(expected.SequenceEqual(listed.Page.Items.Select(a => a.Email)),
                        $"{search} {filter} {sort} {(adminScope.AllPortals ? "institution" : adminScope.PortalIds.Count + " portals")}: {string.Join(",", listed.Page.Items.Select(a => a.Email))} ≠ {string.Join(",", expected)}");
                    Assert.Equal(new AccountCounts(inScope.Count(x => x == AccountStatus.Active), inScope.Count(x => x == AccountStatus.Pending), inScope.Count(x => x == AccountStatus.Finalized)), listed.Counts);
                }
            }
        }
        Assert.Equal(13 - 1, (await queries.ListAsync(new AccountListQuery(Search: "inst"), AdminScope.Institution)).Page.TotalCount);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task StatusCounts_FollowInsertsStatusAndPortalChangesAndDeletes_PerScope(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var issp = Guid.NewGuid();
        var other = Guid.NewGuid();
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            for (var i = 0; i < 9; i++)
            {
                var a = NewAccount($"c{i}@inst.edu.ar");
                a.Status = (AccountStatus)(i % 3);
                a.PortalId = i < 4 ? issp : i < 6 ? other : null;
                context.Accounts.Add(a);
            }
            await context.SaveChangesAsync();
        }
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var c0 = await context.Accounts.SingleAsync(a => a.Email == "c0@inst.edu.ar");   // issp, pending → active
            c0.Status = AccountStatus.Active;
            var c4 = await context.Accounts.SingleAsync(a => a.Email == "c4@inst.edu.ar");   // other → issp, status kept
            c4.PortalId = issp;
            var c8 = await context.Accounts.SingleAsync(a => a.Email == "c8@inst.edu.ar");   // no portal, finalized → pending, issp
            c8.Status = AccountStatus.Pending;
            c8.PortalId = issp;
            context.Accounts.Remove(await context.Accounts.SingleAsync(a => a.Email == "c5@inst.edu.ar"));
            (await context.Accounts.SingleAsync(a => a.Email == "c7@inst.edu.ar")).FirstName = "Otro"; // no status change
            await context.SaveChangesAsync();
        }

        await using var s = db.Services.CreateAsyncScope();
        var store = s.ServiceProvider.GetRequiredService<IAularioDb>();
        var queries = new AccountQueries(store);
        foreach (var adminScope in new[] { AdminScope.Institution, AdminScope.Portals(issp), AdminScope.Portals(other), AdminScope.Portals(issp, other) })
        {
            var truth = await store.Accounts.Where(a => adminScope.AllPortals || (a.PortalId != null && adminScope.PortalIds.Contains(a.PortalId.Value)))
                .GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            var expected = new AccountCounts(
                truth.SingleOrDefault(t => t.Key == AccountStatus.Active)?.Count ?? 0,
                truth.SingleOrDefault(t => t.Key == AccountStatus.Pending)?.Count ?? 0,
                truth.SingleOrDefault(t => t.Key == AccountStatus.Finalized)?.Count ?? 0);
            var listed = await queries.ListAsync(new AccountListQuery(AccountFilter.Finalized), adminScope);
            Assert.Equal(expected, listed.Counts);
            Assert.Equal(expected.Finalized, listed.Page.TotalCount);
            Assert.Equal(expected.Finalized, listed.Page.Items.Count);
        }
        Assert.Equal(new AccountCounts(4, 3, 1), (await queries.ListAsync(new AccountListQuery(), AdminScope.Institution)).Counts);
        Assert.Equal(new AccountCounts(3, 2, 1), (await queries.ListAsync(new AccountListQuery(), AdminScope.Portals(issp))).Counts);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task EveryPage_OfEverySortAndDirection_IsTheSliceOfTheWholeOrder_IncludingPagesReadFromTheEnd(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var start = db.Time.GetUtcNow();
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            for (var i = 0; i < 23; i++)
            {
                // Many ties (names, status, license, sign-in dates, creation dates) so the tie-breaker decides.
                var a = Named($"p{i:D2}@inst.edu.ar", i % 2 == 0 ? "Ana" : "Bea", i % 3 == 0 ? "Pérez" : "Gómez");
                a.Status = (AccountStatus)(i % 3);
                a.LicenseType = i % 2 == 0 ? LicenseType.Basic : LicenseType.Licensed;
                a.LastSignInAt = i % 4 == 0 ? null : start.AddDays(-(i % 3));
                a.CreatedAt = start.AddHours(-(i % 5));
                context.Accounts.Add(a);
            }
            await context.SaveChangesAsync();
        }
        await using var s = db.Services.CreateAsyncScope();
        var queries = new AccountQueries(s.ServiceProvider.GetRequiredService<IAularioDb>());
        foreach (var sort in Enum.GetValues<AccountSort>())
        foreach (var descending in new[] { false, true })
        foreach (var filter in new[] { AccountFilter.All, AccountFilter.Pending })
        {
            var query = new AccountListQuery(filter, Search: "inst", Sort: sort, Descending: descending, PageSize: AccountQueries.MaxPageSize);
            var whole = (await queries.ListAsync(query, AdminScope.Institution)).Page.Items.Select(a => a.Email).ToList();
            Assert.Equal(filter == AccountFilter.All ? 23 : 8, whole.Count);
            var paged = new List<string>();
            for (var page = 1; page <= (whole.Count + 3) / 4; page++)
                paged.AddRange((await queries.ListAsync(query with { PageSize = 4, PageNumber = page }, AdminScope.Institution)).Page.Items.Select(a => a.Email));
            Assert.True(whole.SequenceEqual(paged), $"{filter} {sort} {(descending ? "desc" : "asc")}: {string.Join(",", paged)} ≠ {string.Join(",", whole)}");
            var reversed = (await queries.ListAsync(query with { Descending = !descending }, AdminScope.Institution)).Page.Items.Select(a => a.Email).Reverse();
            Assert.Equal(whole, reversed); // each sort reverses exactly, which reading from the end relies on
            Assert.Empty((await queries.ListAsync(query with { PageSize = 4, PageNumber = 99 }, AdminScope.Institution)).Page.Items);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task SearchPages_WalkTheSortIndex_WhenMatchesAreCommonInThatOrder_AndSortTheMatches_WhenTheyLieElsewhere(DatabaseProvider engine)
    {
        // 5,000 accounts: "ro" (Rosa, every other account, and Romero) matches everywhere in e-mail order; "romero" matches only
        // the last 2,500 e-mails and names, so its first page in ascending order lies beyond the walk's budget.
        var logs = new CapturedLogs();
        await using var db = await TestDatabase.CreateAsync(engine, (services, _) =>
            services.AddLogging(l => l.AddProvider(logs).AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information)));
        var start = db.Time.GetUtcNow();
        var portal = Guid.NewGuid();
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            for (var i = 0; i < 5000; i++)
            {
                var a = Named($"u{i:D4}@inst.edu.ar", i % 2 == 0 ? "Rosa" : "Ana", i < 2500 ? "Díaz" : "Romero");
                a.Status = (AccountStatus)(i % 3);
                a.PortalId = i % 4 == 0 ? portal : null;
                a.LicenseType = i % 2 == 0 ? LicenseType.Basic : LicenseType.Licensed;
                a.LastSignInAt = i % 5 == 0 ? null : start.AddMinutes(-(i % 1000));
                a.CreatedAt = start.AddMinutes(-(i % 700));
                context.Accounts.Add(a);
            }
            await context.SaveChangesAsync();
        }
        await using var s = db.Services.CreateAsyncScope();
        var store = s.ServiceProvider.GetRequiredService<IAularioDb>();
        var queries = new AccountQueries(store);
        var concurrent = new AccountQueries(store, db.Services.GetRequiredService<IServiceScopeFactory>());
        var keys = await store.Accounts.Select(a => new { a.Id, a.SearchKey }).ToListAsync();
        var commands = new Dictionary<(string, AccountSort, bool, int), (int All, int Walks)>();
        foreach (var search in new[] { "ro", "romero" })
        {
            var term = AccountSearchTerm.Parse(search)!;
            var matching = keys.Where(k => term.Matches(k.SearchKey)).Select(k => k.Id).ToList();
            Assert.Equal(search == "ro" ? 3750 : 2500, matching.Count);
            foreach (var sort in Enum.GetValues<AccountSort>())
            foreach (var descending in new[] { false, true })
            {
                var expected = await AccountListing.Sorted(store.Accounts.Where(a => matching.Contains(a.Id)), sort, descending).Select(a => a.Email).ToListAsync();
                var lastPage = (expected.Count + 49) / 50;
                foreach (var page in new[] { 1, 2, lastPage / 2, lastPage - 1, lastPage })
                {
                    var before = Executed(logs).Count;
                    var listed = await queries.ListAsync(new AccountListQuery(AccountFilter.All, search, sort, descending, page), AdminScope.Institution);
                    var ran = Executed(logs).Skip(before).ToList();
                    commands[(search, sort, descending, page)] = (ran.Count, ran.Count(c => c.Contains("@budget", StringComparison.Ordinal)));
                    Assert.True(expected.Skip((page - 1) * 50).Take(50).SequenceEqual(listed.Page.Items.Select(a => a.Email)),
                        $"{search} {sort} {(descending ? "desc" : "asc")} page {page}: {string.Join(",", listed.Page.Items.Take(5).Select(a => a.Email))}…");
                    Assert.Equal(matching.Count, listed.Page.TotalCount);
                    // As the server reads it: the first pages in a second unit of work while the matches are counted.
                    var alongside = await concurrent.ListAsync(new AccountListQuery(AccountFilter.All, search, sort, descending, page), AdminScope.Institution);
                    Assert.Equal(listed.Page.Items.Select(a => a.Email), alongside.Page.Items.Select(a => a.Email));
                    Assert.Equal((listed.Counts, listed.Page.TotalCount), (alongside.Counts, alongside.Page.TotalCount));
                    // With the total the previous page showed (deep pages are then read alongside the count too), right or stale.
                    foreach (var known in new[] { matching.Count, matching.Count + 1, matching.Count - 1, matching.Count + 60, 1 })
                    {
                        var hinted = await concurrent.ListAsync(new AccountListQuery(AccountFilter.All, search, sort, descending, page, KnownTotal: known), AdminScope.Institution);
                        Assert.True(listed.Page.Items.Select(a => a.Email).SequenceEqual(hinted.Page.Items.Select(a => a.Email)),
                            $"{search} {sort} {(descending ? "desc" : "asc")} page {page}, known total {known}: {string.Join(",", hinted.Page.Items.Take(5).Select(a => a.Email))}…");
                        Assert.Equal((listed.Counts, listed.Page.TotalCount), (hinted.Counts, hinted.Page.TotalCount));
                    }
                }
            }
        }
        // A portal admin's filtered pages, deep ones included (read by other paths: no walk outside the institution's scope).
        foreach (var search in new[] { "ro", "romero" })
        {
            var term = AccountSearchTerm.Parse(search)!;
            var matching = keys.Where(k => term.Matches(k.SearchKey)).Select(k => k.Id).ToList();
            var portalScope = AdminScope.Portals(portal);
            foreach (var sort in Enum.GetValues<AccountSort>())
            foreach (var descending in new[] { false, true })
            {
                var expected = await AccountListing.Sorted(AccountListing.Filtered(AccountListing.Scoped(store.Accounts.Where(a => matching.Contains(a.Id)), portalScope),
                    AccountFilter.Active), sort, descending).Select(a => a.Email).ToListAsync();
                var lastPage = (expected.Count + 9) / 10;
                foreach (var page in new[] { 1, lastPage / 2, lastPage, lastPage + 1 })
                foreach (var reader in new[] { queries, concurrent })
                {
                    var listed = await reader.ListAsync(new AccountListQuery(AccountFilter.Active, search, sort, descending, page, PageSize: 10), portalScope);
                    Assert.True(expected.Skip((page - 1) * 10).Take(10).SequenceEqual(listed.Page.Items.Select(a => a.Email)),
                        $"portal {search} {sort} {(descending ? "desc" : "asc")} page {page}: {string.Join(",", listed.Page.Items.Take(5).Select(a => a.Email))}…");
                    Assert.Equal(expected.Count, listed.Page.TotalCount);
                }
            }
        }

        // A portal admin's deep pages (beyond the first 500 rows) with the total the previous page showed, right or stale: the
        // same slices of the portal's own accounts.
        {
            var portalScope = AdminScope.Portals(portal);
            var inPortal = (await store.Accounts.Where(a => a.PortalId == portal).Select(a => a.Id).ToListAsync()).ToHashSet();
            var term = AccountSearchTerm.Parse("ro")!;
            var matching = keys.Where(k => term.Matches(k.SearchKey) && inPortal.Contains(k.Id)).Select(k => k.Id).ToList();
            Assert.True(matching.Count > 700, $"{matching.Count} matches: too few for deep pages of 200");
            foreach (var descending in new[] { false, true })
            {
                var expected = await AccountListing.Sorted(store.Accounts.Where(a => matching.Contains(a.Id)), AccountSort.Name, descending).Select(a => a.Email).ToListAsync();
                foreach (var page in new[] { 3, 4, 5 })
                foreach (var known in new[] { matching.Count, matching.Count + 1, matching.Count - 150 })
                {
                    var listed = await concurrent.ListAsync(new AccountListQuery(AccountFilter.All, "ro", AccountSort.Name, descending, page, AccountQueries.MaxPageSize, known), portalScope);
                    Assert.True(expected.Skip((page - 1) * 200).Take(200).SequenceEqual(listed.Page.Items.Select(a => a.Email)),
                        $"portal deep page {page} {(descending ? "desc" : "asc")}, known total {known}");
                    Assert.Equal(matching.Count, listed.Page.TotalCount);
                }
            }
        }

        // Count, then walk; when the walk cannot answer, sort the matches; no walk for a page in the middle. SQLite reads the
        // page's rows in one more command; PostgreSQL joins them in the walk's or the sort's.
        var rows = engine == DatabaseProvider.Sqlite ? 1 : 0;
        Assert.Equal((2 + rows, 1), commands[("ro", AccountSort.Email, false, 1)]);
        Assert.Equal((2 + rows, 1), commands[("ro", AccountSort.Email, false, 75)]); // the last page, walked from the other end
        Assert.Equal((2 + rows, 1), commands[("romero", AccountSort.Email, true, 1)]);
        Assert.Equal((3 + rows, 1), commands[("romero", AccountSort.Email, false, 1)]);
        Assert.Equal((3 + rows, 1), commands[("romero", AccountSort.Name, false, 1)]);
        Assert.Equal((2 + rows, 0), commands[("ro", AccountSort.Email, false, 37)]);

        // The last page with the total its previous page showed runs what the count-first read runs (alongside instead of after);
        // a stale total costs the page once more, read with the counted total.
        async Task<int> CommandsFor(int known)
        {
            var before = Executed(logs).Count;
            await concurrent.ListAsync(new AccountListQuery(AccountFilter.All, "ro", AccountSort.Email, false, 75, KnownTotal: known), AdminScope.Institution);
            return Executed(logs).Count - before;
        }
        Assert.Equal(2 + rows, await CommandsFor(3750));
        Assert.Equal(2 + rows + 1 + rows, await CommandsFor(3751));
    }

    private static List<string> Executed(CapturedLogs logs) =>
        [.. logs.Entries.Where(e => e.EventId == RelationalEventId.CommandExecuted.Id).Select(e => e.Message)];

    private static Account Named(string email, string first, string last)
    {
        var a = new Account { Email = email, FirstName = first, LastName = last, Status = AccountStatus.Pending };
        a.RefreshSearchKey();
        return a;
    }

    private static Account NewAccount(string email)
    {
        var a = new Account { Email = email, FirstName = "Aula", LastName = "Virtual" };
        a.RefreshSearchKey();
        return a;
    }
}
