using Aulario.Core.Common;
using Aulario.Core.Siu;
using Aulario.Siu.Tests.Support;
using Npgsql;

namespace Aulario.Siu.Tests.Postgres;

/// <summary>UpdateSpaceAsync on a real LATIN1 PostgreSQL with SIU's schema (a fresh database per test).</summary>
public sealed class PostgresUpdateSpaceTests : IAsyncLifetime
{
    private const string NewLink = "https://us06web.zoom.us/j/99999999999?pwd=abc";
    private SiuPostgresDatabase _db = null!;
    private readonly SiuDirectory _siu = new();

    public async Task InitializeAsync() => _db = await SiuPostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _siu.DisposeAsync();

    [Fact]
    public async Task Update_writes_link_name_and_code_and_the_audit_row_names_the_audit_user()
    {
        var result = await _siu.UpdateSpaceAsync(_db.Target(), new SiuSpaceUpdate(20, NewLink, "Zoom 01 - cuenta09@example.edu.ar", "ZOOM09"));

        Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.True(result.Value.Changed);
        Assert.Equal(new SiuSpace(20, "Zoom 01 - cuenta01@example.edu.ar", "ZOOM01", "https://us02web.zoom.us/j/11111111111"), result.Value.Before);
        Assert.Equal(new SiuSpace(20, "Zoom 01 - cuenta09@example.edu.ar", "ZOOM09", NewLink), result.Value.After);
        Assert.Equal(("Zoom 01 - cuenta09@example.edu.ar", "ZOOM09", NewLink), await _db.RowAsync(20));
        Assert.Equal(1, await _db.AuditRowsAsync(20));
        Assert.Equal(SiuPostgresDatabase.AuditUser, await _db.LastAuditUserAsync(20));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT auditoria_id_solicitud FROM negocio_auditoria.logs_sga_espacios WHERE espacio = 20 AND auditoria_operacion = 'U'"));
    }

    [Fact]
    public async Task Update_works_when_the_table_has_no_audit_trigger()
    {
        await _db.ExecuteAsync("DROP TRIGGER tauditoria_sga_espacios ON negocio.sga_espacios");

        var result = await _siu.UpdateSpaceAsync(_db.Target(), new SiuSpaceUpdate(21, NewLink, "Zoom 02 - cuenta10@example.edu.ar", "ZOOM10"));

        Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(("Zoom 02 - cuenta10@example.edu.ar", "ZOOM10", NewLink), await _db.RowAsync(21));
        Assert.Equal(0, await _db.AuditRowsAsync(21));
    }

    [Fact]
    public async Task Old_Toba_temp_table_audit_names_the_audit_user_and_no_tt_usuario_table_is_left()
    {
        await _db.InstallOldTobaAuditAsync();

        var result = await _siu.UpdateSpaceAsync(_db.Target(auditUser: "aulario-viejo"), new SiuSpaceUpdate(21, NewLink, "Zoom 02 - cuenta10@example.edu.ar", "ZOOM10"));

        Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal("aulario-viejo", await _db.LastAuditUserAsync(21));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'tt_usuario'"));
    }

    [Fact]
    public async Task Reapplying_the_same_values_writes_nothing_and_adds_no_audit_row()
    {
        var update = new SiuSpaceUpdate(20, NewLink, "Zoom 01 - cuenta09@example.edu.ar", "ZOOM09");
        var first = await _siu.UpdateSpaceAsync(_db.Target(), update);
        var second = await _siu.UpdateSpaceAsync(_db.Target(), update);

        Assert.True(first.Value.Changed);
        Assert.False(second.Value.Changed);
        Assert.Equal(second.Value.Before, second.Value.After);
        Assert.Equal(1, await _db.AuditRowsAsync(20));
    }

    [Fact]
    public async Task Duplicate_code_is_DuplicateCode_on_codigo_and_leaves_the_row_unchanged()
    {
        var before = await _db.RowAsync(21);

        var result = await _siu.UpdateSpaceAsync(_db.Target(), new SiuSpaceUpdate(21, NewLink, "Zoom 02 - otra", "ZOOM01"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(SiuErrorCodes.DuplicateCode, error.Code);
        Assert.Equal("codigo", error.Field);
        Assert.Contains("ZOOM01", error.Message);
        Assert.Equal(before, await _db.RowAsync(21));
        Assert.Equal(0, await _db.AuditRowsAsync(21));
    }

    [Fact]
    public async Task A_21_character_code_is_TooLong_naming_codigo_and_leaves_the_row_unchanged()
    {
        var before = await _db.RowAsync(21);

        var result = await _siu.UpdateSpaceAsync(_db.Target(), new SiuSpaceUpdate(21, NewLink, "Zoom 02", new string('X', 21)));

        var error = Assert.Single(result.Errors);
        Assert.Equal(SiuErrorCodes.TooLong, error.Code);
        Assert.Equal("codigo", error.Field);
        Assert.Equal("El código tiene 21 caracteres; SIU admite 20.", error.Message);
        Assert.Equal(before, await _db.RowAsync(21));
    }

    [Theory]
    [InlineData("Zoom – cuenta", "ZOOM10", "nombre", "–")]
    [InlineData("Zoom 02", "Z🎓", "codigo", "🎓")]
    public async Task Characters_outside_Latin1_are_NotLatin1_naming_the_field_and_leave_the_row_unchanged(string name, string code, string field, string bad)
    {
        var before = await _db.RowAsync(21);

        var result = await _siu.UpdateSpaceAsync(_db.Target(), new SiuSpaceUpdate(21, NewLink, name, code));

        var error = Assert.Single(result.Errors);
        Assert.Equal(SiuErrorCodes.NotLatin1, error.Code);
        Assert.Equal(field, error.Field);
        Assert.Contains(bad, error.Message);
        Assert.Equal(before, await _db.RowAsync(21));
    }

    [Fact]
    public async Task Spanish_letters_round_trip_through_LATIN1()
    {
        var result = await _siu.UpdateSpaceAsync(_db.Target(), new SiuSpaceUpdate(21, NewLink, "Aula Ñandú (sí)", "ÑANDÚ"));

        Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(("Aula Ñandú (sí)", "ÑANDÚ", NewLink), await _db.RowAsync(21));
        Assert.Equal(new SiuSpace(21, "Aula Ñandú (sí)", "ÑANDÚ", NewLink), (await _siu.GetSpaceAsync(_db.Target(), 21)).Value);
    }

    [Fact]
    public async Task Unknown_space_is_SpaceNotFound()
    {
        var result = await _siu.UpdateSpaceAsync(_db.Target(), new SiuSpaceUpdate(9999, NewLink, "Zoom", "Z9"));

        Assert.Equal(SiuErrorCodes.SpaceNotFound, Assert.Single(result.Errors).Code);
        Assert.Equal(ErrorKind.NotFound, result.Errors[0].Kind);
    }

    [Fact]
    public async Task An_update_that_touches_no_row_is_rolled_back_as_NotExactlyOneRow()
    {
        // A business trigger that silently skips the row: the UPDATE reports 0 rows.
        await _db.ExecuteAsync("""
            CREATE FUNCTION negocio.skip_update() RETURNS trigger AS $$ BEGIN RETURN NULL; END; $$ LANGUAGE plpgsql;
            CREATE TRIGGER skip_update BEFORE UPDATE ON negocio.sga_espacios FOR EACH ROW EXECUTE PROCEDURE negocio.skip_update();
            """);
        var before = await _db.RowAsync(20);

        var result = await _siu.UpdateSpaceAsync(_db.Target(), new SiuSpaceUpdate(20, NewLink, "Zoom 01 - nueva", "ZOOM09"));

        Assert.Equal(SiuErrorCodes.NotExactlyOneRow, Assert.Single(result.Errors).Code);
        Assert.Equal(before, await _db.RowAsync(20));
        Assert.Equal(0, await _db.AuditRowsAsync(20));
    }

    [Fact]
    public async Task A_key_matching_two_rows_is_NotExactlyOneRow_and_changes_nothing()
    {
        await _db.ExecuteAsync("""
            CREATE TABLE negocio.espacios_sin_pk AS SELECT espacio, nombre, codigo, link_clase_virtual FROM negocio.sga_espacios;
            INSERT INTO negocio.espacios_sin_pk VALUES (20, 'Zoom 01 copia', 'ZOOM01B', NULL);
            """);
        var names = new SiuNames(Table: "espacios_sin_pk");

        var result = await _siu.UpdateSpaceAsync(_db.Target(names), new SiuSpaceUpdate(20, NewLink, "Zoom 01 - nueva", "ZOOM09"));

        Assert.Equal(SiuErrorCodes.NotExactlyOneRow, Assert.Single(result.Errors).Code);
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM negocio.espacios_sin_pk WHERE nombre = 'Zoom 01 - nueva'"));
    }

    [Fact]
    public async Task A_missing_column_is_MissingColumn_and_nothing_is_written()
    {
        await _db.ExecuteAsync("ALTER TABLE negocio.sga_espacios RENAME COLUMN link_clase_virtual TO enlace");

        var result = await _siu.UpdateSpaceAsync(_db.Target(), new SiuSpaceUpdate(20, NewLink, "Zoom 01 - nueva", "ZOOM09"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(SiuErrorCodes.MissingColumn, error.Code);
        Assert.Equal("Falta la columna link_clase_virtual en negocio.sga_espacios", error.Message);
        Assert.Equal("Zoom 01 - cuenta01@example.edu.ar", await _db.ScalarAsync<string>("SELECT nombre FROM negocio.sga_espacios WHERE espacio = 20"));
    }

    [Fact]
    public async Task Cancelling_while_the_row_is_locked_cancels_the_command_and_changes_nothing()
    {
        await using var other = new NpgsqlConnection(_db.ConnectionString);
        await other.OpenAsync();
        await using var lockTx = await other.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM negocio.sga_espacios WHERE espacio = 20 FOR UPDATE", other, lockTx))
            await lockRow.ExecuteNonQueryAsync();
        using var cts = new CancellationTokenSource();

        var update = _siu.UpdateSpaceAsync(_db.Target(), new SiuSpaceUpdate(20, NewLink, "Zoom 01 - nueva", "ZOOM09"), cts.Token);
        // The update can only be waiting on the lock: it has not finished, and it never will while the lock is held.
        await WaitUntilBlockedAsync();
        Assert.False(update.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => update);
        await lockTx.RollbackAsync();
        Assert.Equal("Zoom 01 - cuenta01@example.edu.ar", (await _db.RowAsync(20)).Nombre);
    }

    private async Task WaitUntilBlockedAsync()
    {
        const string Sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
        for (var i = 0; i < 600; i++)
        {
            if (await _db.ScalarAsync<long>(Sql) > 0) return;
            await Task.Delay(50);
        }
        Assert.Fail("The update never waited on the row lock.");
    }
}
