namespace Aulario.Cli.Tests;

/// <summary>`aulario admin create` and `db migrate` still work on the database directly (the only commands that do).</summary>
public sealed class AdminCommandTests
{
    [Fact]
    public async Task DbMigrate_ThenAdminCreate_CreatesOnce_AndRejectsTheSameEmail()
    {
        var dir = Path.Combine(Path.GetTempPath(), "aulario-cli-admin", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            Assert.Equal(0, (await CliRun.RunAsync("db", "migrate", "--data-dir", dir)).ExitCode);
            Assert.NotEmpty(Directory.GetFiles(dir, "*.db*"));

            Assert.Equal(0, (await CliRun.RunAsync("admin", "create", "--email", "otra.admin@inst.edu.ar", "--data-dir", dir)).ExitCode);
            Assert.Equal(2, (await CliRun.RunAsync("admin", "create", "--email", "otra.admin@inst.edu.ar", "--data-dir", dir)).ExitCode);

            // --portal names portals by code: an unknown one creates nothing (the same email then works without it).
            var unknown = await CliRun.RunAsync("admin", "create", "--email", "portal.admin@inst.edu.ar", "--portal", "NOEXISTE", "--data-dir", dir);
            Assert.Equal(2, unknown.ExitCode);
            Assert.Equal(0, (await CliRun.RunAsync("admin", "create", "--email", "portal.admin@inst.edu.ar", "--data-dir", dir)).ExitCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
