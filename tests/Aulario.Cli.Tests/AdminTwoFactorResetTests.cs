using Microsoft.Data.Sqlite;

namespace Aulario.Cli.Tests;

/// <summary>`aulario admin reset-two-factor`: the way back for a user who lost the phone and the recovery codes.</summary>
public sealed class AdminTwoFactorResetTests
{
    [Fact]
    public async Task Reset_TurnsTwoFactorOff_RemovesKeyAndCodes_ClearsTheLockout_AndIsAudited()
    {
        var dir = Path.Combine(Path.GetTempPath(), "aulario-cli-2fa", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        const string email = "perdio.el.telefono@inst.edu.ar";
        try
        {
            Assert.Equal(0, (await CliRun.RunAsync("admin", "create", "--email", email, "--data-dir", dir)).ExitCode);
            var notEnrolled = await CliRun.RunAsync("admin", "reset-two-factor", "--email", email, "--data-dir", dir);
            Assert.Equal(2, notEnrolled.ExitCode);
            Assert.Equal(2, (await CliRun.RunAsync("admin", "reset-two-factor", "--email", "nadie@inst.edu.ar", "--data-dir", dir)).ExitCode);

            var connection = $"Data Source={Path.Combine(dir, "aulario.db")};Pooling=False";
            await ExecuteAsync(connection,
                "UPDATE AspNetUsers SET TwoFactorEnabled = 1, AccessFailedCount = 5, LockoutEnd = 662065056000000000;" +
                "INSERT INTO AspNetUserTokens (UserId, LoginProvider, Name, Value) SELECT Id, '[AspNetUserStore]', 'AuthenticatorKey', 'cifrada' FROM AspNetUsers;" +
                "INSERT INTO AspNetUserTokens (UserId, LoginProvider, Name, Value) SELECT Id, '[AspNetUserStore]', 'RecoveryCodes', 'a;b' FROM AspNetUsers;");

            Assert.Equal(0, (await CliRun.RunAsync("admin", "reset-two-factor", "--email", email, "--data-dir", dir)).ExitCode);

            Assert.Equal("0|0|", await ScalarAsync(connection, "SELECT TwoFactorEnabled || '|' || AccessFailedCount || '|' || IFNULL(LockoutEnd, '') FROM AspNetUsers"));
            Assert.Equal("0", await ScalarAsync(connection, "SELECT COUNT(*) FROM AspNetUserTokens"));
            Assert.Equal("cli|user:" + email, await ScalarAsync(connection, "SELECT Actor || '|' || Target FROM AuditEntries WHERE Action = 'user.two-factor-reset'"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
