using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Persistence.Tests;

public class MigrationTests
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
}

/// <summary>The data migration AccountSearchKeysWithoutAccents on a database written by the earlier code.</summary>
public class SearchKeysWithoutAccentsMigrationTests
{
    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    [Fact]
    public void TheMigrationFoldsTheLettersCoreFolds()
    {
        Assert.Equal(Aulario.Core.Accounts.AccountSearchTerm.AccentedLetters, Configurations.AccountListSql.FoldedAccentedLetters);
        Assert.Equal(Aulario.Core.Accounts.AccountSearchTerm.PlainLetters, Configurations.AccountListSql.FoldedPlainLetters);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task KeysStoredWithAccents_AreFolded_AndFoundWithOrWithoutThem_ByEveryIndex(DatabaseProvider engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var before = engine == DatabaseProvider.Sqlite ? "20261201124931_AccountWordFacets" : "20261201135126_AccountPrefixCounts";
        await using (var context = db.NewContext(out var scope))
        await using (scope)
        {
            await context.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(before);
            // As the earlier code stored them: lower case, accents kept.
            context.Accounts.AddRange(
                new Aulario.Core.Accounts.Account { Email = "ana@inst.edu.ar", FirstName = "Ana", LastName = "Pérez", SearchKey = "ana@inst.edu.ar ana pérez", Status = Aulario.Core.Accounts.AccountStatus.Active },
                new Aulario.Core.Accounts.Account { Email = "lu@inst.edu.ar", FirstName = "Lucía", LastName = "Núñez", SearchKey = "lu@inst.edu.ar lucía núñez", Status = Aulario.Core.Accounts.AccountStatus.Pending },
                new Aulario.Core.Accounts.Account { Email = "bo@inst.edu.ar", FirstName = "Bo", LastName = "Ruiz", SearchKey = "bo@inst.edu.ar bo ruiz", Status = Aulario.Core.Accounts.AccountStatus.Active });
            await context.SaveChangesAsync();
            await context.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync();
        }

        await using var s = db.Services.CreateAsyncScope();
        var store = s.ServiceProvider.GetRequiredService<Aulario.Core.Common.IAularioDb>();
        Assert.Equal(["ana@inst.edu.ar ana perez", "bo@inst.edu.ar bo ruiz", "lu@inst.edu.ar lucia nunez"],
            await store.Accounts.OrderBy(a => a.Email).Select(a => a.SearchKey).ToListAsync());
        var queries = new Aulario.Core.Accounts.AccountQueries(store);
        foreach (var (search, expected, counts) in new (string, string[], Aulario.Core.Accounts.AccountCounts)[]
                 {
                     ("pérez", ["ana@inst.edu.ar"], new(1, 0, 0)), ("perez", ["ana@inst.edu.ar"], new(1, 0, 0)),       // trigram index
                     ("núñ", ["lu@inst.edu.ar"], new(0, 1, 0)), ("lucia", ["lu@inst.edu.ar"], new(0, 1, 0)),
                     ("pe", ["ana@inst.edu.ar"], new(1, 0, 0)), ("nú", ["lu@inst.edu.ar"], new(0, 1, 0)),              // word index and counts
                     ("pé", ["ana@inst.edu.ar"], new(1, 0, 0)), ("ru", ["bo@inst.edu.ar"], new(1, 0, 0)),
                 })
        {
            var listed = await queries.ListAsync(new Aulario.Core.Accounts.AccountListQuery(Search: search), Aulario.Core.Common.AdminScope.Institution);
            Assert.Equal(expected, listed.Page.Items.Select(a => a.Email));
            Assert.Equal(counts, listed.Counts);
        }
    }
}
