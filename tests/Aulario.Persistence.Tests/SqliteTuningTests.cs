using Aulario.Persistence;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Persistence.Tests;

/// <summary>SQLite-only: what each connection of the app is set to (SqliteConnectionTuning).</summary>
public sealed class SqliteTuningTests
{
    [Fact]
    public async Task EveryConnection_IsWal_WithNormalSync_ABusyTimeout_TheConfiguredCache_AndMappedReads()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var instance = db.CreateInstance(TimeProvider.System, (services, _) => { }, db.ServerConnectionString + ";Default Timeout=30");
        foreach (var _ in Enumerable.Range(0, 2)) // a new connection, then the pooled one again
        {
            await using var scope = instance.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            await context.Database.OpenConnectionAsync();
            Assert.Equal("wal", await Scalar(context, "PRAGMA journal_mode"));
            Assert.Equal("1", await Scalar(context, "PRAGMA synchronous"));     // NORMAL
            Assert.Equal("5000", await Scalar(context, "PRAGMA busy_timeout"));
            Assert.Equal((-64 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), await Scalar(context, "PRAGMA cache_size"));
            Assert.Equal((1L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture), await Scalar(context, "PRAGMA mmap_size"));
            await context.Database.CloseConnectionAsync();
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("5000")]
    public void ACacheSizeOutOfRange_StopsTheStart_WithAClearMessage(string mib)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:SqliteCacheSizeMiB"] = mib }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAularioPersistence(configuration, Path.GetTempPath()));
        Assert.Contains("Database:SqliteCacheSizeMiB", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> Scalar(DbContext context, string sql)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
