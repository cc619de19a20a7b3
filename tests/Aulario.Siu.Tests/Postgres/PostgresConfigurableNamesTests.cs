using Aulario.Core.Siu;
using Aulario.Siu.Tests.Support;

namespace Aulario.Siu.Tests.Postgres;

/// <summary>An institution whose table has other names: schema guarani, table espacios_aula, columns id_espacio, url_zoom, descripcion, cod.</summary>
public sealed class PostgresConfigurableNamesTests : IAsyncLifetime
{
    private static readonly SiuNames Names = new("guarani", "espacios_aula", "id_espacio", "url_zoom", "descripcion", "cod");
    private SiuPostgresDatabase _db = null!;
    private readonly SiuDirectory _siu = new();

    public async Task InitializeAsync()
    {
        _db = await SiuPostgresDatabase.CreateAsync();
        await _db.ExecuteAsync("""
            CREATE SCHEMA guarani;
            CREATE TABLE guarani.espacios_aula (
                id_espacio integer PRIMARY KEY, descripcion varchar(60) NOT NULL, cod varchar(12), url_zoom varchar(300));
            CREATE UNIQUE INDEX iu_espacios_aula_cod ON guarani.espacios_aula (cod);
            INSERT INTO guarani.espacios_aula SELECT espacio, nombre, codigo, link_clase_virtual FROM negocio.sga_espacios;
            """);
    }

    public async Task DisposeAsync() => await _siu.DisposeAsync();

    [Fact]
    public async Task TestConnection_reads_the_configured_columns()
    {
        var report = (await _siu.TestConnectionAsync(_db.Target(Names))).Value;

        Assert.True(report.Ok, string.Join("; ", report.Problems));
        Assert.Equal(["id_espacio", "url_zoom", "descripcion", "cod"], report.Columns.Select(c => c.Name));
        Assert.Equal([null, 300, 60, 12], report.Columns.Select(c => c.MaxLength));
    }

    [Fact]
    public async Task Update_search_and_get_use_the_configured_names_in_any_case()
    {
        var upper = new SiuNames("GUARANI", "Espacios_Aula", "ID_ESPACIO", "Url_Zoom", "Descripcion", "COD");

        var updated = await _siu.UpdateSpaceAsync(_db.Target(upper), new SiuSpaceUpdate(21, "https://zoom.example/j/5", "Zoom 05", "ZOOM05"));
        var found = await _siu.SearchSpacesAsync(_db.Target(Names), "zoom05", 10);

        Assert.True(updated.IsSuccess, string.Join("; ", updated.Errors.Select(e => e.Message)));
        Assert.Equal(new SiuSpace(21, "Zoom 05", "ZOOM05", "https://zoom.example/j/5"), Assert.Single(found.Value));
        Assert.Equal("ZOOM02", (await _db.RowAsync(21)).Codigo); // SIU's own table untouched
    }

    [Fact]
    public async Task Lengths_come_from_the_configured_table()
    {
        var result = await _siu.UpdateSpaceAsync(_db.Target(Names), new SiuSpaceUpdate(21, "https://zoom.example/j/5", "Zoom 05", new string('C', 13)));

        var error = Assert.Single(result.Errors);
        Assert.Equal(SiuErrorCodes.TooLong, error.Code);
        Assert.Equal("El código tiene 13 caracteres; SIU admite 12.", error.Message);
    }

    [Fact]
    public async Task Duplicate_code_in_the_configured_table_is_DuplicateCode()
    {
        var result = await _siu.UpdateSpaceAsync(_db.Target(Names), new SiuSpaceUpdate(21, "https://zoom.example/j/5", "Zoom 05", "A101"));

        Assert.Equal(SiuErrorCodes.DuplicateCode, Assert.Single(result.Errors).Code);
        Assert.Equal("ZOOM02", await _db.ScalarAsync<string>("SELECT cod FROM guarani.espacios_aula WHERE id_espacio = 21"));
    }

    [Fact]
    public async Task A_missing_configured_column_is_reported()
    {
        var report = (await _siu.TestConnectionAsync(_db.Target(Names with { LinkColumn = "link_clase_virtual" }))).Value;

        Assert.Equal(["Falta la columna link_clase_virtual en guarani.espacios_aula"], report.Problems);
    }
}
