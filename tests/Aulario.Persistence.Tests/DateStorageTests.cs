using Aulario.Core.Accounts;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Persistence.Tests;

/// <summary>Dates are instants on both engines: they sort and filter by the moment they name, whatever offset they carry.</summary>
public class DateStorageTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    private static readonly TimeSpan BuenosAires = TimeSpan.FromHours(-3);

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Dates_SortAndFilterByInstant_WhenOffsetsDiffer(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var noonUtc = new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero);
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            // 10:00 in Buenos Aires is 13:00 UTC: later than noon UTC although its clock reads earlier.
            context.Accounts.Add(NewAccount("utc@inst.edu.ar", noonUtc, lastSignIn: null));
            context.Accounts.Add(NewAccount("ba@inst.edu.ar", new DateTimeOffset(2026, 3, 9, 10, 0, 0, BuenosAires), lastSignIn: noonUtc.AddDays(-1)));
            context.Accounts.Add(NewAccount("early@inst.edu.ar", noonUtc.AddHours(-5), lastSignIn: noonUtc.AddDays(-2)));
            await context.SaveChangesAsync();
        }

        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var byCreated = await context.Accounts.OrderBy(a => a.CreatedAt).Select(a => a.Email).ToListAsync();
            Assert.Equal(["early@inst.edu.ar", "utc@inst.edu.ar", "ba@inst.edu.ar"], byCreated);

            // 09:30 in Buenos Aires = 12:30 UTC.
            var after = new DateTimeOffset(2026, 3, 9, 9, 30, 0, BuenosAires);
            Assert.Equal(["ba@inst.edu.ar"], await context.Accounts.Where(a => a.CreatedAt > after).Select(a => a.Email).ToListAsync());

            var between = await context.Accounts
                .Where(a => a.CreatedAt >= noonUtc.AddHours(-6) && a.CreatedAt <= noonUtc)
                .OrderByDescending(a => a.CreatedAt).Select(a => a.Email).ToListAsync();
            Assert.Equal(["utc@inst.edu.ar", "early@inst.edu.ar"], between);

            var recentSignIns = await context.Accounts
                .Where(a => a.LastSignInAt != null && a.LastSignInAt > noonUtc.AddDays(-1.5))
                .Select(a => a.Email).ToListAsync();
            Assert.Equal(["ba@inst.edu.ar"], recentSignIns);

            var read = await context.Accounts.AsNoTracking().SingleAsync(a => a.Email == "ba@inst.edu.ar");
            Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.Zero), read.CreatedAt);
            Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Dates_KeepMicrosecondPrecision(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var at = new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            context.Accounts.Add(NewAccount("precise@inst.edu.ar", at, lastSignIn: at));
            await context.SaveChangesAsync();
        }
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            var read = await context.Accounts.AsNoTracking().SingleAsync(a => a.CreatedAt == at);
            Assert.Equal(at, read.LastSignInAt);
        }
    }

    private static Account NewAccount(string email, DateTimeOffset createdAt, DateTimeOffset? lastSignIn)
    {
        var account = new Account { Email = email, CreatedAt = createdAt, LastSignInAt = lastSignIn };
        account.RefreshSearchKey();
        return account;
    }
}
