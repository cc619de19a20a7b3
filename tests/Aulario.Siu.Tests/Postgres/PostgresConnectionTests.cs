using System.Net;
using System.Net.Sockets;
using Aulario.Core.Common;
using Aulario.Core.Siu;
using Aulario.Siu.Tests.Support;
using Npgsql;

namespace Aulario.Siu.Tests.Postgres;

/// <summary>TestConnectionAsync and connection failures against the real test cluster.</summary>
public sealed class PostgresConnectionTests : IAsyncLifetime
{
    private SiuPostgresDatabase _db = null!;
    private readonly SiuDirectory _siu = new();

    public async Task InitializeAsync() => _db = await SiuPostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _siu.DisposeAsync();

    [Fact]
    public async Task Reports_LATIN1_and_the_columns_with_their_types_and_lengths()
    {
        var report = (await _siu.TestConnectionAsync(_db.Target())).Value;

        Assert.Equal("LATIN1", report.ServerEncoding);
        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(
            [
                new SiuColumnInfo("espacio", "integer", null),
                new SiuColumnInfo("link_clase_virtual", "character varying", 255),
                new SiuColumnInfo("nombre", "character varying", 100),
                new SiuColumnInfo("codigo", "character varying", 20),
            ],
            report.Columns);
    }

    [Fact]
    public async Task A_missing_column_is_reported_in_plain_Spanish_and_Get_and_Search_say_MissingColumn()
    {
        await _db.ExecuteAsync("ALTER TABLE negocio.sga_espacios DROP COLUMN link_clase_virtual CASCADE");

        var report = (await _siu.TestConnectionAsync(_db.Target())).Value;
        var get = await _siu.GetSpaceAsync(_db.Target(), 20);
        var search = await _siu.SearchSpacesAsync(_db.Target(), "zoom", 10);

        Assert.Equal(["Falta la columna link_clase_virtual en negocio.sga_espacios"], report.Problems);
        Assert.False(report.Ok);
        Assert.Equal(SiuErrorCodes.MissingColumn, Assert.Single(get.Errors).Code);
        Assert.Equal("Falta la columna link_clase_virtual en negocio.sga_espacios", get.Errors[0].Message);
        Assert.Equal(SiuErrorCodes.MissingColumn, Assert.Single(search.Errors).Code);
    }

    [Fact]
    public async Task A_missing_table_is_reported_and_Get_says_MissingTable()
    {
        var names = new SiuNames(Table: "sga_espacios_no_existe");

        var report = (await _siu.TestConnectionAsync(_db.Target(names))).Value;
        var get = await _siu.GetSpaceAsync(_db.Target(names), 20);

        Assert.Contains("No existe la tabla negocio.sga_espacios_no_existe", Assert.Single(report.Problems));
        Assert.Equal(SiuErrorCodes.MissingTable, Assert.Single(get.Errors).Code);
    }

    [Fact]
    public async Task A_non_integer_key_column_is_a_problem()
    {
        var report = (await _siu.TestConnectionAsync(_db.Target(new SiuNames(KeyColumn: "piso")))).Value;

        Assert.Equal(["La columna clave piso de negocio.sga_espacios debe ser numérica entera (es character varying)."], report.Problems);
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_ConnectionFailed_with_a_clear_message()
    {
        var port = FreePort();
        var cs = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Port = port, Timeout = 5 }.ConnectionString;
        var target = _db.Target() with { ConnectionString = cs };

        var test = await _siu.TestConnectionAsync(target);
        var update = await _siu.UpdateSpaceAsync(target, new SiuSpaceUpdate(20, "https://x", "Zoom", "Z"));

        var error = Assert.Single(test.Errors);
        Assert.Equal(SiuErrorCodes.ConnectionFailed, error.Code);
        Assert.Equal(ErrorKind.Upstream, error.Kind);
        Assert.StartsWith("No se pudo conectar:", error.Message);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Equal(SiuErrorCodes.ConnectionFailed, Assert.Single(update.Errors).Code);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_ConnectionFailed_naming_it()
    {
        var cs = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Database = "toba_no_existe" }.ConnectionString;

        var result = await _siu.TestConnectionAsync(_db.Target() with { ConnectionString = cs });

        var error = Assert.Single(result.Errors);
        Assert.Equal(SiuErrorCodes.ConnectionFailed, error.Code);
        Assert.Equal($"No se pudo conectar: la base de datos «toba_no_existe» no existe en el servidor SIU 127.0.0.1:{new NpgsqlConnectionStringBuilder(cs).Port}.", error.Message);
    }

    [Fact]
    public async Task A_rejected_login_is_ConnectionFailed_without_the_password()
    {
        // The test cluster trusts loopback, so a role that cannot log in stands in for a wrong password: both are SQLSTATE 28xxx.
        var role = "siu_sin_login_" + Guid.NewGuid().ToString("N")[..8];
        await _db.ExecuteAsync($"CREATE ROLE {role} NOLOGIN");
        var cs = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Username = role, Password = "secreto-123" }.ConnectionString;

        var result = await _siu.TestConnectionAsync(_db.Target() with { ConnectionString = cs });

        var error = Assert.Single(result.Errors);
        Assert.Equal(SiuErrorCodes.ConnectionFailed, error.Code);
        Assert.Equal($"No se pudo conectar: SIU rechazó el usuario o la contraseña (usuario «{role}»).", error.Message);
        Assert.DoesNotContain("secreto-123", error.Message);
    }

    [Fact]
    public async Task A_read_only_user_is_reported_and_its_update_is_refused_without_changes()
    {
        var role = "siu_lector_" + Guid.NewGuid().ToString("N")[..8];
        await _db.ExecuteAsync($"CREATE ROLE {role} LOGIN; GRANT USAGE ON SCHEMA negocio TO {role}; GRANT SELECT ON negocio.sga_espacios TO {role};");
        var target = _db.Target() with { ConnectionString = new NpgsqlConnectionStringBuilder(_db.ConnectionString) { Username = role }.ConnectionString };

        var report = (await _siu.TestConnectionAsync(target)).Value;
        var update = await _siu.UpdateSpaceAsync(target, new SiuSpaceUpdate(20, "https://x", "Zoom 01 - nueva", "ZOOM09"));

        Assert.Equal(["El usuario de la conexión no tiene permiso para modificar negocio.sga_espacios."], report.Problems);
        Assert.Equal(SiuErrorCodes.Other, Assert.Single(update.Errors).Code);
        Assert.Contains("permiso", update.Errors[0].Message);
        Assert.Equal("ZOOM01", (await _db.RowAsync(20)).Codigo);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_ConnectionFailed()
    {
        var result = await _siu.TestConnectionAsync(_db.Target() with { ConnectionString = "Host=127.0.0.1;Puerto=;;=x" });

        Assert.Equal(SiuErrorCodes.ConnectionFailed, Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("sga_espacios; DROP TABLE negocio.sga_espacios; --")]
    [InlineData("sga\"espacios")]
    [InlineData("1espacios")]
    [InlineData("sga-espacios")]
    [InlineData("ñandú")]
    [InlineData("")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    public async Task An_invalid_identifier_is_rejected_before_SIU_is_touched(string table)
    {
        var target = _db.Target(new SiuNames(Table: table));

        var update = await _siu.UpdateSpaceAsync(target, new SiuSpaceUpdate(20, "https://x", "Zoom", "Z"));
        var test = await _siu.TestConnectionAsync(target);

        var error = Assert.Single(update.Errors);
        Assert.Equal(SiuAdapterErrorCodes.InvalidIdentifier, error.Code);
        Assert.Equal("siuTable", error.Field);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal(SiuAdapterErrorCodes.InvalidIdentifier, Assert.Single(test.Errors).Code);
        Assert.Equal(3L, await _db.ScalarAsync<long>("SELECT count(*) FROM negocio.sga_espacios"));
    }

    [Fact]
    public async Task A_63_character_identifier_is_accepted_and_simply_not_found()
    {
        var result = await _siu.GetSpaceAsync(_db.Target(new SiuNames(Table: "a" + new string('b', 62))), 20);

        Assert.Equal(SiuErrorCodes.MissingTable, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task The_same_column_twice_is_rejected()
    {
        var result = await _siu.GetSpaceAsync(_db.Target(new SiuNames(NameColumn: "codigo")), 20);

        Assert.Equal(SiuAdapterErrorCodes.InvalidIdentifier, Assert.Single(result.Errors).Code);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
