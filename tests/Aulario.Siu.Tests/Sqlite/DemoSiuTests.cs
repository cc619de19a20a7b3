using Aulario.Core.Siu;
using Aulario.Siu.Sqlite;
using Microsoft.Data.Sqlite;

namespace Aulario.Siu.Tests.Sqlite;

/// <summary>The SQLite demo SIU: creation, search and the same update semantics as PostgreSQL (a fresh file per test).</summary>
public sealed class DemoSiuTests : IAsyncLifetime
{
    private const string ClassroomLink = "http://127.0.0.1:5099/j/81234567890";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aulario-siu-tests", Guid.NewGuid().ToString("N"));
    private readonly SiuDirectory _siu = new();
    private string Path_ => Path.Combine(_directory, "siu-demo.db");
    private SiuTarget Target(SiuNames? names = null) => new(SiuProvider.Sqlite, DemoSiu.ConnectionString(Path_), names ?? new SiuNames(), "aulario:demo");

    public async Task InitializeAsync() =>
        Assert.True(await DemoSiu.EnsureCreatedAsync(Path_, [new DemoSiuLink("ZOOM01", ClassroomLink, "Zoom 01 - aula01@demo.edu.ar")]));

    public async Task DisposeAsync()
    {
        await _siu.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Creates_two_buildings_and_twenty_spaces_once_with_the_given_links()
    {
        var again = await DemoSiu.EnsureCreatedAsync(Path_, []);
        var all = (await _siu.SearchSpacesAsync(Target(), null, 100)).Value;

        Assert.False(again);
        Assert.Equal(20, all.Count);
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM sga_edificaciones"));
        Assert.Equal(["Sede Centro", "Sede Norte"], await NamesAsync("SELECT nombre FROM sga_edificaciones ORDER BY edificacion"));
        Assert.Equal(new SiuSpace(13, "Zoom 01 - aula01@demo.edu.ar", "ZOOM01", ClassroomLink), all.Single(s => s.Code == "ZOOM01"));
        Assert.Equal(new SiuSpace(1, "Aula 101", "A101", null), all.Single(s => s.Code == "A101"));
        Assert.Single(all, s => s.Link is not null);
    }

    [Fact]
    public async Task Rejects_a_link_for_an_unknown_space()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            DemoSiu.EnsureCreatedAsync(Path.Combine(_directory, "otro.db"), [new DemoSiuLink("NOPE", ClassroomLink)]));
    }

    [Fact]
    public async Task TestConnection_reports_the_emulated_encoding_and_lengths()
    {
        var report = (await _siu.TestConnectionAsync(Target())).Value;

        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal("LATIN1", report.ServerEncoding);
        Assert.Equal([null, 255, 100, 20], report.Columns.Select(c => c.MaxLength));
        Assert.Equal("character varying", report.Columns.Single(c => c.Name == "codigo").DataType);
    }

    [Theory]
    [InlineData("zoom", 8)]
    [InlineData("ZOOM0", 8)]
    [InlineData("a10", 6)]
    [InlineData("81234567890", 1)]
    [InlineData("%", 0)]
    public async Task Search_matches_name_code_and_link(string query, int expected)
    {
        var result = await _siu.SearchSpacesAsync(Target(), query, 50);

        Assert.Equal(expected, result.Value.Count);
    }

    [Fact]
    public async Task Update_writes_once_records_the_audit_user_and_is_idempotent()
    {
        var update = new SiuSpaceUpdate(14, ClassroomLink + "2", "Zoom 02 - aula02@demo.edu.ar", "ZOOM02B");

        var first = await _siu.UpdateSpaceAsync(Target(), update);
        var second = await _siu.UpdateSpaceAsync(Target(), update);

        Assert.True(first.Value.Changed);
        Assert.Equal(new SiuSpace(14, "Zoom 02", "ZOOM02", null), first.Value.Before);
        Assert.Equal(new SiuSpace(14, "Zoom 02 - aula02@demo.edu.ar", "ZOOM02B", ClassroomLink + "2"), first.Value.After);
        Assert.False(second.Value.Changed);
        Assert.Equal(first.Value.After, (await _siu.GetSpaceAsync(Target(), 14)).Value);
        Assert.Equal(["aulario:demo"], await NamesAsync("SELECT auditoria_usuario FROM logs_sga_espacios WHERE espacio = 14"));
    }

    [Fact]
    public async Task Too_long_code_is_TooLong_and_changes_nothing()
    {
        var result = await _siu.UpdateSpaceAsync(Target(), new SiuSpaceUpdate(14, ClassroomLink, "Zoom 02", new string('X', 21)));

        var error = Assert.Single(result.Errors);
        Assert.Equal(SiuErrorCodes.TooLong, error.Code);
        Assert.Equal("codigo", error.Field);
        Assert.Equal("El código tiene 21 caracteres; SIU admite 20.", error.Message);
        Assert.Equal(new SiuSpace(14, "Zoom 02", "ZOOM02", null), (await _siu.GetSpaceAsync(Target(), 14)).Value);
    }

    [Fact]
    public async Task The_demo_applies_SIUs_Latin1_rule()
    {
        var result = await _siu.UpdateSpaceAsync(Target(), new SiuSpaceUpdate(14, ClassroomLink, "Zoom – 02", "ZOOM02"));

        Assert.Equal(SiuErrorCodes.NotLatin1, Assert.Single(result.Errors).Code);
        Assert.Equal("nombre", result.Errors[0].Field);
    }

    [Fact]
    public async Task Duplicate_code_in_the_same_building_is_DuplicateCode()
    {
        var result = await _siu.UpdateSpaceAsync(Target(), new SiuSpaceUpdate(14, ClassroomLink, "Zoom 02", "ZOOM01"));

        Assert.Equal(SiuErrorCodes.DuplicateCode, Assert.Single(result.Errors).Code);
        Assert.Equal("ZOOM02", (await _siu.GetSpaceAsync(Target(), 14)).Value.Code);
    }

    [Fact]
    public async Task Unknown_space_missing_table_and_missing_file_are_reported()
    {
        var unknown = await _siu.UpdateSpaceAsync(Target(), new SiuSpaceUpdate(999, ClassroomLink, "Zoom", "Z"));
        var noTable = await _siu.TestConnectionAsync(Target(new SiuNames(Table: "sga_aulas")));
        var noColumn = await _siu.GetSpaceAsync(Target(new SiuNames(LinkColumn: "url_zoom")), 14);
        var noFile = await _siu.TestConnectionAsync(Target() with { ConnectionString = DemoSiu.ConnectionString(Path.Combine(_directory, "no-existe.db")) });

        Assert.Equal(SiuErrorCodes.SpaceNotFound, Assert.Single(unknown.Errors).Code);
        Assert.Contains("No existe la tabla negocio.sga_aulas", Assert.Single(noTable.Value.Problems));
        Assert.Equal("Falta la columna url_zoom en negocio.sga_espacios", Assert.Single(noColumn.Errors).Message);
        Assert.Equal(SiuErrorCodes.ConnectionFailed, Assert.Single(noFile.Errors).Code);
        Assert.False(File.Exists(Path.Combine(_directory, "no-existe.db")));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var conn = new SqliteConnection($"Data Source={Path_};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = new SqliteCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> NamesAsync(string sql)
    {
        await using var conn = new SqliteConnection($"Data Source={Path_};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = new SqliteCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync()) list.Add(reader.GetString(0));
        return list;
    }
}
