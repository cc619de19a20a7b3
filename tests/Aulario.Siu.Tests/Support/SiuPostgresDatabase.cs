using System.Text.RegularExpressions;
using Aulario.Core.Siu;
using Aulario.Testing;
using Npgsql;

namespace Aulario.Siu.Tests.Support;

/// <summary>A fresh LATIN1 database of the test cluster loaded with Sql/siu-test-schema.sql (SIU's tables, audit trigger, seed rows).</summary>
public sealed class SiuPostgresDatabase
{
    public const string AuditUser = "aulario:ana";

    private SiuPostgresDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public SiuTarget Target(SiuNames? names = null, string auditUser = AuditUser) =>
        new(SiuProvider.PostgreSql, ConnectionString, names ?? new SiuNames(), auditUser);

    public static async Task<SiuPostgresDatabase> CreateAsync(bool latin1 = true)
    {
        var db = new SiuPostgresDatabase(await TestPostgres.CreateDatabaseAsync("siu", latin1));
        await db.ExecuteAsync(await File.ReadAllTextAsync(SqlFile("siu-test-schema.sql")));
        return db;
    }

    /// <summary>A database in another single-byte encoding, to see the server (not the pre-check) reject a character.</summary>
    public static async Task<SiuPostgresDatabase> CreateWin1252Async()
    {
        var name = "siu_win1252_" + Guid.NewGuid().ToString("N");
        await using (var server = new NpgsqlConnection(TestPostgres.ServerConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand(
                $"CREATE DATABASE \"{name}\" ENCODING 'WIN1252' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0", server);
            await create.ExecuteNonQueryAsync();
        }
        var db = new SiuPostgresDatabase(new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = name }.ConnectionString);
        await db.ExecuteAsync(await File.ReadAllTextAsync(SqlFile("siu-test-schema.sql")));
        return db;
    }

    /// <summary>The pre-3.4 Toba audit (temp table tt_usuario): only the CREATE FUNCTIONs of siu-old-toba-audit-check.sql.</summary>
    public async Task InstallOldTobaAuditAsync()
    {
        var script = await File.ReadAllTextAsync(SqlFile("siu-old-toba-audit-check.sql"));
        var functions = Regex.Matches(script, @"CREATE OR REPLACE FUNCTION.*?LANGUAGE plpgsql;", RegexOptions.Singleline);
        Assert.Equal(2, functions.Count);
        foreach (Match f in functions) await ExecuteAsync(f.Value);
    }

    public static string SqlFile(string name) => Path.Combine(AppContext.BaseDirectory, "Sql", name);

    public async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (n, v) in parameters) cmd.Parameters.AddWithValue(n, v);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The row as SIU holds it, read without the adapter.</summary>
    public async Task<(string Nombre, string? Codigo, string? Link)> RowAsync(int espacio)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT nombre, codigo, link_clase_virtual FROM negocio.sga_espacios WHERE espacio = @e", conn);
        cmd.Parameters.AddWithValue("e", espacio);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync(), $"row {espacio} exists");
        return (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
    }

    /// <summary>Audit rows of updates (the seed's INSERTs are audited too).</summary>
    public Task<long> AuditRowsAsync(int espacio) =>
        ScalarAsync<long>("SELECT count(*) FROM negocio_auditoria.logs_sga_espacios WHERE espacio = @e AND auditoria_operacion = 'U'", ("e", espacio));

    public Task<string> LastAuditUserAsync(int espacio) =>
        ScalarAsync<string>(
            "SELECT auditoria_usuario FROM negocio_auditoria.logs_sga_espacios WHERE espacio = @e AND auditoria_operacion = 'U' ORDER BY auditoria_fecha DESC LIMIT 1",
            ("e", espacio));
}
