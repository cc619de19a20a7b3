using System.Diagnostics;
using Npgsql;

namespace Aulario.Testing;

/// <summary>
/// The one PostgreSQL cluster of a test run. `scripts/test.sh` starts it and exports AULARIO_TEST_PG; when a
/// developer runs `dotnet test` alone, the first test that needs it starts the same throwaway cluster itself.
/// Each test class creates its own database, so no test depends on another's data.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<string> Server = new(StartOrReuse, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string to the cluster's maintenance database.</summary>
    public static string ServerConnectionString => Server.Value;

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    /// <param name="latin1">Create it as SIU does: ENCODING LATIN1, C collation.</param>
    public static async Task<string> CreateDatabaseAsync(string prefix, bool latin1 = false)
    {
        var name = $"{Sanitize(prefix)}_{Guid.NewGuid():N}"[..Math.Min(60, Sanitize(prefix).Length + 33)];
        await using (var conn = new NpgsqlConnection(ServerConnectionString))
        {
            await conn.OpenAsync();
            var sql = latin1
                ? $"CREATE DATABASE \"{name}\" ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
                : $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'";
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabaseAsync"/> (benchmarks: each seeds 100,000 accounts into a cluster that may
    /// outlive the run; tests leave theirs to the throwaway cluster of their run).
    /// </summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static string Sanitize(string prefix) =>
        new string(prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray()) is { Length: > 0 } s ? s : "t";

    private static string StartOrReuse()
    {
        var fromEnv = Environment.GetEnvironmentVariable("AULARIO_TEST_PG");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;

        var root = FindRepoRoot();
        var dir = Path.Combine(Path.GetTempPath(), "aulario-test-pg");
        var psi = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "pg-cluster.sh"), "start", dir, "55432"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"Could not start the test PostgreSQL cluster (is the Debian 'postgresql' package installed? scripts/test.sh installs it): {error}");
        return output.Trim();
    }

    /// <summary>The repository root, recorded at build time (the build output may live outside the repository).</summary>
    public static string FindRepoRoot() =>
        typeof(TestPostgres).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!;
}
