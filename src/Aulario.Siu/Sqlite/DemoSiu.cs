using Aulario.Core.Siu;
using Microsoft.Data.Sqlite;

namespace Aulario.Siu.Sqlite;

/// <summary>
/// The demo SIU: a small SQLite file shaped like SIU-Guaraní's <c>negocio</c> schema, for demo mode and tests.
/// <para>
/// Schema emulation: the file holds the tables unqualified (sga_edificaciones, sga_espacios, logs_sga_espacios) and the
/// adapter ATTACHes it under the configured schema name, so queries say <c>"negocio"."sga_espacios"</c> as on PostgreSQL.
/// Varchar lengths are CHECK constraints plus the metadata table <c>siu_columnas</c> (read by TestConnection and the
/// length pre-check); <c>siu_parametros.server_encoding = 'LATIN1'</c> makes the adapter apply SIU's Latin-1 rule too.
/// </para>
/// Use <c>new SiuTarget(SiuProvider.Sqlite, DemoSiu.ConnectionString(path), new SiuNames(), "aulario")</c>.
/// </summary>
public static class DemoSiu
{
    internal const string ColumnsTable = "siu_columnas";
    internal const string ParametersTable = "siu_parametros";

    /// <summary>The demo spaces as created (ids are stable): 2 buildings, 20 spaces, the "Zoom" ones virtual.</summary>
    public static IReadOnlyList<DemoSiuSpace> Spaces { get; } =
    [
        new(1, "Aula 101", "A101", 1), new(2, "Aula 102", "A102", 1), new(3, "Aula 103", "A103", 1), new(4, "Aula 104", "A104", 1),
        new(5, "Aula 105", "A105", 1), new(6, "Aula 106", "A106", 1), new(7, "Laboratorio 1", "LAB1", 1), new(8, "Laboratorio 2", "LAB2", 1),
        new(9, "Aula 201", "N201", 2), new(10, "Aula 202", "N202", 2), new(11, "Aula 203", "N203", 2), new(12, "Aula Magna", "NMAG", 2),
        new(13, "Zoom 01", "ZOOM01", 1, Virtual: true), new(14, "Zoom 02", "ZOOM02", 1, Virtual: true),
        new(15, "Zoom 03", "ZOOM03", 1, Virtual: true), new(16, "Zoom 04", "ZOOM04", 1, Virtual: true),
        new(17, "Zoom 05", "ZOOM05", 2, Virtual: true), new(18, "Zoom 06", "ZOOM06", 2, Virtual: true),
        new(19, "Zoom 07", "ZOOM07", 2, Virtual: true), new(20, "Zoom 08", "ZOOM08", 2, Virtual: true),
    ];

    /// <summary>The connection string a portal stores for a demo SIU file.</summary>
    public static string ConnectionString(string sqlitePath) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(sqlitePath) }.ToString();

    /// <summary>The SIU file of a target's connection string ("Data Source=…" or a bare path).</summary>
    /// <exception cref="ArgumentException">The connection string is empty or not valid.</exception>
    public static string PathOf(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) throw new ArgumentException("Empty SQLite connection string.", nameof(connectionString));
        var path = connectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionString).DataSource
            : connectionString.Trim();
        if (string.IsNullOrWhiteSpace(path) || path.StartsWith(':')) throw new ArgumentException("The SQLite SIU needs a file.", nameof(connectionString));
        return Path.GetFullPath(path);
    }

    /// <summary>Creates the demo SIU file when it is missing (links are applied only then). Returns true when it created it.</summary>
    public static async Task<bool> EnsureCreatedAsync(string sqlitePath, IReadOnlyList<DemoSiuLink> links, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(links);
        foreach (var link in links)
            if (!Spaces.Any(s => s.Code == link.Code))
                throw new ArgumentException($"There is no demo space with code '{link.Code}'.", nameof(links));

        var path = Path.GetFullPath(sqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using (var wal = new SqliteCommand("PRAGMA journal_mode = WAL", connection))
            await wal.ExecuteNonQueryAsync(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using (var exists = new SqliteCommand("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sga_espacios'", connection, tx))
        {
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0) return false;
        }
        await using (var ddl = new SqliteCommand(Schema, connection, tx))
            await ddl.ExecuteNonQueryAsync(ct);

        foreach (var space in Spaces)
        {
            var link = links.FirstOrDefault(l => l.Code == space.Code);
            await using var insert = new SqliteCommand(
                """
                INSERT INTO sga_espacios (espacio, nombre, codigo, edificacion, piso, capacidad, link_clase_virtual)
                VALUES (@id, @name, @code, @building, @floor, @capacity, @link)
                """, connection, tx);
            insert.Parameters.AddWithValue("id", space.Id);
            insert.Parameters.AddWithValue("name", link?.Name ?? space.Name);
            insert.Parameters.AddWithValue("code", space.Code);
            insert.Parameters.AddWithValue("building", space.BuildingId);
            insert.Parameters.AddWithValue("floor", space.Virtual ? DBNull.Value : (object)"1");
            insert.Parameters.AddWithValue("capacity", space.Virtual ? 300 : 40);
            insert.Parameters.AddWithValue("link", (object?)link?.Link ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Shaped like siu-test-schema.sql (SIU's naming and lengths), in SQLite's dialect.</summary>
    private const string Schema =
        """
        CREATE TABLE siu_parametros (clave TEXT PRIMARY KEY, valor TEXT NOT NULL);
        INSERT INTO siu_parametros VALUES ('server_encoding', 'LATIN1'), ('descripcion', 'SIU-Guaraní de demostración (Aulario)');
        CREATE TABLE siu_columnas (
            tabla TEXT NOT NULL, columna TEXT NOT NULL, tipo TEXT NOT NULL, longitud_maxima INTEGER,
            PRIMARY KEY (tabla, columna));
        INSERT INTO siu_columnas VALUES
            ('sga_edificaciones', 'edificacion', 'integer', NULL),
            ('sga_edificaciones', 'nombre', 'character varying', 100),
            ('sga_espacios', 'espacio', 'integer', NULL),
            ('sga_espacios', 'nombre', 'character varying', 100),
            ('sga_espacios', 'codigo', 'character varying', 20),
            ('sga_espacios', 'edificacion', 'integer', NULL),
            ('sga_espacios', 'piso', 'character varying', 20),
            ('sga_espacios', 'capacidad', 'smallint', NULL),
            ('sga_espacios', 'estado', 'character', 1),
            ('sga_espacios', 'link_clase_virtual', 'character varying', 255);
        CREATE TABLE sga_edificaciones (
            edificacion INTEGER NOT NULL CONSTRAINT pk_sga_edificaciones PRIMARY KEY,
            nombre      TEXT NOT NULL CHECK (length(nombre) <= 100),
            estado      TEXT NOT NULL DEFAULT 'A' CHECK (estado IN ('A', 'B')));
        INSERT INTO sga_edificaciones (edificacion, nombre) VALUES (1, 'Sede Centro'), (2, 'Sede Norte');
        CREATE TABLE sga_espacios (
            espacio      INTEGER NOT NULL CONSTRAINT pk_sga_espacios PRIMARY KEY,
            nombre       TEXT NOT NULL CHECK (length(nombre) <= 100),
            codigo       TEXT CHECK (codigo IS NULL OR length(codigo) <= 20),
            edificacion  INTEGER NOT NULL CONSTRAINT fk_sga_espacios_sga_edificaciones REFERENCES sga_edificaciones (edificacion),
            piso         TEXT CHECK (piso IS NULL OR length(piso) <= 20),
            capacidad    INTEGER,
            estado       TEXT NOT NULL DEFAULT 'A' CHECK (estado IN ('A', 'B')),
            link_clase_virtual TEXT CHECK (link_clase_virtual IS NULL OR length(link_clase_virtual) <= 255));
        CREATE INDEX ifk_sga_espacios_sga_edificaciones ON sga_espacios (edificacion);
        CREATE UNIQUE INDEX iu_sga_espacios_edificacion_codigo ON sga_espacios (edificacion, codigo);
        CREATE TABLE logs_sga_espacios (
            auditoria_usuario TEXT, auditoria_fecha TEXT, auditoria_operacion TEXT, auditoria_id_solicitud INTEGER,
            espacio INTEGER, nombre TEXT, codigo TEXT, link_clase_virtual TEXT);
        """;
}

/// <summary>A space of the demo SIU.</summary>
public sealed record DemoSiuSpace(int Id, string Name, string Code, int BuildingId, bool Virtual = false);
