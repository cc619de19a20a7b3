using Aulario.Testing;
using Microsoft.EntityFrameworkCore;

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
