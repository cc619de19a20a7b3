using System.Data;
using System.Data.Common;
using Aulario.Core.Common;
using Aulario.Core.Siu;
using Aulario.Siu.Engine;
using Aulario.Siu.Naming;
using Npgsql;

namespace Aulario.Siu.Postgres;

/// <summary>SIU-Guaraní on PostgreSQL (the real thing): information_schema for the checks, FOR UPDATE, both Toba audit variants.</summary>
internal sealed class PostgresSiuDialect(PostgresDataSources sources) : ISiuDialect
{
    public async Task<DbConnection> OpenAsync(SiuTarget target, SiuSqlNames names, CancellationToken ct) =>
        await sources.Get(target.ConnectionString).OpenConnectionAsync(ct);

    public async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken ct) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);

    public async Task<SiuSchemaFacts> InspectAsync(DbConnection connection, DbTransaction? tx, SiuSqlNames names, CancellationToken ct)
    {
        string encoding;
        bool tableExists;
        await using (var cmd = connection.Command(
                         "SELECT current_setting('server_encoding'), EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = @s AND table_name = @t)", tx)
                     .With("s", names.Schema).With("t", names.Table))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            encoding = reader.GetString(0);
            tableExists = reader.GetBoolean(1);
        }
        if (!tableExists) return new SiuSchemaFacts(encoding, false, []);

        var columns = new List<SiuColumnInfo>();
        await using (var cmd = connection.Command(
                         """
                         SELECT column_name::text, data_type::text, character_maximum_length::int
                           FROM information_schema.columns
                          WHERE table_schema = @s AND table_name = @t AND column_name = ANY(@c)
                         """, tx)
                     .With("s", names.Schema).With("t", names.Table).With("c", names.Columns.ToArray()))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                columns.Add(new SiuColumnInfo(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
        }

        await using (var cmd = connection.Command(
                         """
                         SELECT has_table_privilege(format('%I.%I', @s::text, @t::text), 'SELECT'),
                                has_table_privilege(format('%I.%I', @s::text, @t::text), 'UPDATE')
                         """, tx)
                     .With("s", names.Schema).With("t", names.Table))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            return new SiuSchemaFacts(encoding, true, columns, reader.GetBoolean(0), reader.GetBoolean(1));
        }
    }

    public string LockRowSql(SiuSqlNames n) => $"SELECT {n.SelectList} FROM {n.QualifiedTable} WHERE {n.QKey} = @id FOR UPDATE";

    public string SearchSql(SiuSqlNames n) =>
        $"""
         SELECT {n.SelectList} FROM {n.QualifiedTable}
          WHERE CAST({n.QKey} AS text) = @q
             OR CAST({n.QName} AS text) ILIKE @p ESCAPE '!'
             OR CAST({n.QCode} AS text) ILIKE @p ESCAPE '!'
             OR CAST({n.QLink} AS text) ILIKE @p ESCAPE '!'
          ORDER BY {n.QName}, {n.QKey}
          LIMIT @limit
         """;

    /// <summary>
    /// Toba ≥ 3.4 reads the GUCs tt_usuario.*; older Toba reads the temp table tt_usuario. Both are set, both end with the
    /// transaction (set_config(..., true) is local; the table is ON COMMIT DROP).
    /// </summary>
    public async Task SetAuditUserAsync(DbConnection connection, DbTransaction tx, SiuSqlNames names, string auditUser, CancellationToken ct)
    {
        await using var cmd = connection.Command(
                """
                SELECT set_config('tt_usuario.usuario', @u, true), set_config('tt_usuario.id_solicitud', '0', true);
                CREATE TEMP TABLE IF NOT EXISTS tt_usuario (usuario varchar(60), id_solicitud bigint) ON COMMIT DROP;
                DELETE FROM pg_temp.tt_usuario;
                INSERT INTO pg_temp.tt_usuario (usuario, id_solicitud) VALUES (@u, 0);
                """, tx)
            .With("u", auditUser);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public Task AfterUpdateAsync(DbConnection connection, DbTransaction tx, SiuSqlNames names, string auditUser, SiuSpace after, CancellationToken ct) =>
        Task.CompletedTask; // SIU's own trigger (tauditoria_<table>) writes the audit row, when the table is audited.

    public Error? Map(Exception exception, SiuFailureContext context) => PostgresFailures.Map(exception, context);
}
