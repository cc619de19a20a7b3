using System.Data.Common;
using Aulario.Core.Common;
using Aulario.Core.Siu;
using Aulario.Siu.Engine;
using Aulario.Siu.Naming;
using Aulario.Siu.Rules;
using Microsoft.Data.Sqlite;

namespace Aulario.Siu.Sqlite;

/// <summary>
/// The demo SIU on SQLite. The schema is emulated by ATTACHing the SIU file under the schema's name on an in-memory
/// connection, so the SQL reads exactly like PostgreSQL's (<c>"negocio"."sga_espacios"</c>). Lengths and the server encoding
/// come from the file's metadata tables (<see cref="DemoSiu"/>); writes run under BEGIN IMMEDIATE.
/// </summary>
internal sealed class SqliteSiuDialect : ISiuDialect
{
    public async Task<DbConnection> OpenAsync(SiuTarget target, SiuSqlNames names, CancellationToken ct)
    {
        var path = DemoSiu.PathOf(target.ConnectionString);
        if (!File.Exists(path)) throw new FileNotFoundException("SIU database file not found.", path);
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False");
        try
        {
            await connection.OpenAsync(ct);
            await using (var attach = connection.Command($"ATTACH DATABASE @path AS {SiuSqlNames.Quote(names.Schema)}").With("path", path))
                await attach.ExecuteNonQueryAsync(ct);
            // busy_timeout: a write that finds another writer's BEGIN IMMEDIATE waits inside SQLite (milliseconds) instead of
            // Microsoft.Data.Sqlite's fixed 150 ms sleep between retries, which stalled parallel classroom jobs.
            await using (var pragma = connection.Command("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000"))
                await pragma.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false)); // BEGIN IMMEDIATE

    public async Task<SiuSchemaFacts> InspectAsync(DbConnection connection, DbTransaction? tx, SiuSqlNames names, CancellationToken ct)
    {
        var schema = SiuSqlNames.Quote(names.Schema);
        var encoding = await HasTableAsync(connection, tx, schema, DemoSiu.ParametersTable, ct)
            ? await ScalarAsync(connection.Command($"SELECT valor FROM {schema}.{DemoSiu.ParametersTable} WHERE clave = 'server_encoding'", tx), ct)
            : null;
        encoding ??= await ScalarAsync(connection.Command($"PRAGMA {schema}.encoding", tx), ct) ?? "UTF-8";
        if (!await HasTableAsync(connection, tx, schema, names.Table, ct)) return new SiuSchemaFacts(encoding, false, []);

        var lengths = new Dictionary<string, (string Type, int? Max)>(StringComparer.OrdinalIgnoreCase);
        if (await HasTableAsync(connection, tx, schema, DemoSiu.ColumnsTable, ct))
        {
            await using var meta = connection.Command(
                    $"SELECT columna, tipo, longitud_maxima FROM {schema}.{DemoSiu.ColumnsTable} WHERE lower(tabla) = @t", tx)
                .With("t", names.Table);
            await using var reader = await meta.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                lengths[reader.GetString(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2));
        }

        var columns = new List<SiuColumnInfo>();
        await using (var info = connection.Command("SELECT name, type FROM pragma_table_info(@t, @s)", tx)
                         .With("t", names.Table).With("s", names.Schema))
        await using (var reader = await info.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var name = reader.GetString(0).ToLowerInvariant();
                if (!names.Columns.Contains(name)) continue;
                columns.Add(lengths.TryGetValue(name, out var m)
                    ? new SiuColumnInfo(name, m.Type, m.Max)
                    : new SiuColumnInfo(name, reader.GetString(1).ToLowerInvariant(), null));
            }
        }
        return new SiuSchemaFacts(encoding, true, columns);
    }

    public string LockRowSql(SiuSqlNames n) => $"SELECT {n.SelectList} FROM {n.QualifiedTable} WHERE {n.QKey} = @id";

    public string SearchSql(SiuSqlNames n) =>
        $"""
         SELECT {n.SelectList} FROM {n.QualifiedTable}
          WHERE CAST({n.QKey} AS TEXT) = @q
             OR {n.QName} LIKE @p ESCAPE '!'
             OR {n.QCode} LIKE @p ESCAPE '!'
             OR {n.QLink} LIKE @p ESCAPE '!'
          ORDER BY {n.QName}, {n.QKey}
          LIMIT @limit
         """;

    public Task SetAuditUserAsync(DbConnection connection, DbTransaction tx, SiuSqlNames names, string auditUser, CancellationToken ct) =>
        Task.CompletedTask; // SQLite has no session settings a trigger could read: AfterUpdateAsync writes the audit row.

    /// <summary>Emulates Toba's audit trigger: a row in logs_&lt;table&gt; naming the audit user, when the demo file has that table.</summary>
    public async Task AfterUpdateAsync(DbConnection connection, DbTransaction tx, SiuSqlNames n, string auditUser, SiuSpace after, CancellationToken ct)
    {
        var schema = SiuSqlNames.Quote(n.Schema);
        var log = "logs_" + n.Table;
        if (log.Length > 63 || !await HasTableAsync(connection, tx, schema, log, ct)) return;
        await using var cmd = connection.Command(
                $"""
                 INSERT INTO {schema}.{SiuSqlNames.Quote(log)} (auditoria_usuario, auditoria_fecha, auditoria_operacion, auditoria_id_solicitud, {n.SelectList})
                 VALUES (@u, strftime('%Y-%m-%d %H:%M:%f', 'now'), 'U', 0, @id, @name, @code, @link)
                 """, tx)
            .With("u", auditUser).With("id", after.Id).With("name", after.Name).With("code", after.Code).With("link", after.Link);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public Error? Map(Exception exception, SiuFailureContext context) => exception switch
    {
        SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } => SiuErrors.DuplicateCode(context.Update?.Code),
        SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 275 } => SiuErrors.TooLongOnServer(),
        SqliteException { SqliteErrorCode: 19 } e => SiuErrors.Other($"SIU rechazó el cambio ({e.Message}); no se modificó nada."),
        SqliteException { SqliteErrorCode: 1 } e when e.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase) =>
            SiuErrors.MissingTable(context.Names),
        SqliteException { SqliteErrorCode: 1 } e when e.Message.Contains("column", StringComparison.OrdinalIgnoreCase) =>
            SiuErrors.MissingColumnUnknown(context.Names, e.Message),
        SqliteException { SqliteErrorCode: 5 or 6 } => SiuErrors.Other("La base SIU de demostración está ocupada; reintente en unos segundos. No se modificó nada."),
        SqliteException { SqliteErrorCode: 14 or 26 or 11 } e => SiuErrors.ConnectionFailed($"no se pudo abrir la base SIU de demostración ({e.Message})."),
        SqliteException e => SiuErrors.Other($"SIU rechazó la operación ({e.Message}); no se modificó nada."),
        FileNotFoundException => SiuErrors.ConnectionFailed($"no existe la base SIU de demostración «{SafePath(context)}»."),
        ArgumentException =>
            SiuErrors.ConnectionFailed("la cadena de conexión a la base SIU de demostración no es válida."),
        _ => null,
    };

    private static string SafePath(SiuFailureContext context)
    {
        try { return DemoSiu.PathOf(context.Target.ConnectionString); }
        catch (ArgumentException) { return ""; }
    }

    private static async Task<bool> HasTableAsync(DbConnection connection, DbTransaction? tx, string quotedSchema, string table, CancellationToken ct)
    {
        await using var cmd = connection.Command(
                $"SELECT count(*) FROM {quotedSchema}.sqlite_master WHERE type IN ('table', 'view') AND lower(name) = lower(@t)", tx)
            .With("t", table);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task<string?> ScalarAsync(DbCommand cmd, CancellationToken ct)
    {
        await using (cmd)
            return await cmd.ExecuteScalarAsync(ct) is { } value and not DBNull
                ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
                : null;
    }
}
