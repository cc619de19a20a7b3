using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Import;

/// <summary>
/// An uploaded CSV read by <see cref="CsvReader"/> with its header mapped to an import's columns (several accepted names per
/// column, case-insensitive): unknown, repeated and missing columns are file errors, so a bad file changes nothing.
/// </summary>
public sealed class CsvTable
{
    private readonly string?[] _map;

    private CsvTable(char separator, string?[] map, IReadOnlyList<CsvRecord> rows)
    {
        Separator = separator;
        _map = map;
        Rows = rows;
    }

    public char Separator { get; }
    public int ColumnCount => _map.Length;
    public IReadOnlyList<CsvRecord> Rows { get; }
    public bool Has(string key) => _map.Contains(key);

    /// <param name="columns">Accepted header name → column key.</param>
    /// <param name="required">Alternatives: at least one key of each group must be present, with the message when none is.</param>
    /// <param name="validList">The column names to suggest when a header is not recognised.</param>
    public static Result<CsvTable> Read(ReadOnlySpan<byte> file, int maxRows, IReadOnlyDictionary<string, string> columns,
        IReadOnlyList<(string[] AnyOf, string Message)> required, string validList)
    {
        var parsed = CsvReader.Parse(file, maxRows);
        if (!parsed.IsSuccess) return Result<CsvTable>.Fail(parsed.Errors);
        var (separator, header, rows) = parsed.Value;
        var map = new string?[header.Count];
        var errors = new List<Error>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().Trim('\uFEFF');
            if (columns.TryGetValue(name, out var key))
            {
                if (map.Contains(key)) errors.Add(Error.Validation("import.duplicate-column", $"La columna «{name}» está repetida.", "file"));
                map[i] = key;
            }
            else if (name.Length > 0) errors.Add(Error.Validation("import.unknown-column",
                $"La columna «{name}» no se reconoce. Columnas válidas: {validList}.", "file"));
        }
        foreach (var (anyOf, message) in required)
            if (!anyOf.Any(map.Contains)) errors.Add(Error.Validation("import.missing-" + anyOf[0], message, "file"));
        if (errors.Count > 0) return Result<CsvTable>.Fail(errors);
        return new CsvTable(separator, map, rows.Select(r => new CsvRecord(r.Line, r.Cells, map)).ToList());
    }
}

/// <summary>One data row: its line in the file and its cells by column key.</summary>
public sealed record CsvRecord(int Line, string[] Cells, string?[] Map)
{
    /// <summary>The trimmed cell of a column, "" when the column is absent or the row is short.</summary>
    public string Cell(string key)
    {
        var i = Array.IndexOf(Map, key);
        return i >= 0 && i < Cells.Length ? Cells[i].Trim() : "";
    }

    /// <summary>The row has more cells than the header (a stray separator): it is reported, not guessed at.</summary>
    public string? ExtraCellsProblem => Cells.Length > Map.Length ? $"La fila tiene {Cells.Length} columnas y el encabezado {Map.Length}." : null;
}

/// <summary>
/// What every import shares after its dry run: the valid rows wait as a paused draft job until the admin applies them.
/// </summary>
public static class ImportDraft
{
    public const string PreviewMessage = "Vista previa: falta aplicar.";

    public static async Task<Guid?> SaveAsync(IAularioDb db, IAuditLog audit, TimeProvider time, string kind, Actor actor, Guid? portalId,
        IEnumerable<(string Key, object? State)> items, CancellationToken ct)
    {
        var list = items.ToList();
        if (list.Count == 0) return null;
        var job = JobEngine.Add(db, audit, time, kind, actor, portalId, null, list);
        job.Status = JobStatus.Paused;
        job.StatusMessage = PreviewMessage;
        await db.SaveChangesAsync(ct);
        return job.Id;
    }

    /// <summary>Starts the draft job of a dry run.</summary>
    public static async Task<Result<Job>> ApplyAsync(IAularioDb db, IAuditLog audit, string kind, Guid jobId, Actor actor, AdminScope scope, CancellationToken ct)
    {
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId && j.Kind == kind, ct);
        if (job is null || !scope.Allows(job.PortalId)) return Error.NotFound("import.not-found", "La importación no existe o no está a tu alcance.");
        if (job.Status != JobStatus.Paused) return Error.Conflict("import.already-applied", "Esta importación ya se aplicó o se canceló.");
        job.Status = JobStatus.Pending;
        job.StatusMessage = null;
        audit.Record(actor, "import.applied", $"job:{job.Id}", after: new { job.Kind, job.Total }, portalId: job.PortalId);
        await db.SaveChangesAsync(ct);
        return job;
    }

    public static bool? ParseYesNo(string s) => s.Trim().ToLowerInvariant() switch
    {
        "" or "no" or "n" or "false" or "0" => false,
        "sí" or "si" or "s" or "yes" or "y" or "true" or "1" => true,
        _ => null,
    };
}
