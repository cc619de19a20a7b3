using System.Data.Common;
using Aulario.Core.Common;
using Aulario.Core.Siu;
using Aulario.Siu.Naming;
using Aulario.Siu.Rules;

namespace Aulario.Siu.Engine;

/// <summary>
/// The SIU port over one SQL engine. Every expected failure comes back as an <see cref="Error"/>; SIU is left untouched
/// (the transaction rolls back when it is disposed without a commit). Cancellation is not a failure: it propagates.
/// </summary>
internal sealed class SiuSqlDirectory(ISiuDialect dialect)
{
    public const int MaxSearchLimit = 500;

    public async Task<Result<SiuConnectionReport>> TestConnectionAsync(SiuTarget target, SiuSqlNames n, CancellationToken ct)
    {
        var context = new SiuFailureContext(target, n, null);
        try
        {
            await using var connection = await dialect.OpenAsync(target, n, ct);
            var facts = await dialect.InspectAsync(connection, null, n, ct);
            return new SiuConnectionReport(facts.ServerEncoding, facts.Ordered(n), Problems(facts, n));
        }
        catch (Exception ex) when (ex is not OperationCanceledException && dialect.Map(ex, context) is { } error)
        {
            return error;
        }
    }

    public async Task<Result<IReadOnlyList<SiuSpace>>> SearchSpacesAsync(SiuTarget target, SiuSqlNames n, string? query, int limit, CancellationToken ct)
    {
        var context = new SiuFailureContext(target, n, null);
        try
        {
            await using var connection = await dialect.OpenAsync(target, n, ct);
            var q = string.IsNullOrWhiteSpace(query) ? null : query.Trim();
            await using var cmd = connection.Command(q is null
                    ? $"SELECT {n.SelectList} FROM {n.QualifiedTable} ORDER BY {n.QName}, {n.QKey} LIMIT @limit"
                    : dialect.SearchSql(n))
                .With("limit", Math.Clamp(limit, 1, MaxSearchLimit));
            if (q is not null) cmd.With("q", q).With("p", "%" + EscapeLike(q) + "%");
            return await cmd.ReadSpacesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && dialect.Map(ex, context) is { } error)
        {
            return await RefineAsync(error, target, n, ct);
        }
    }

    public async Task<Result<SiuSpace>> GetSpaceAsync(SiuTarget target, SiuSqlNames n, int spaceId, CancellationToken ct)
    {
        var context = new SiuFailureContext(target, n, null);
        try
        {
            await using var connection = await dialect.OpenAsync(target, n, ct);
            await using var cmd = connection.Command($"SELECT {n.SelectList} FROM {n.QualifiedTable} WHERE {n.QKey} = @id").With("id", spaceId);
            var rows = await cmd.ReadSpacesAsync(ct);
            return rows.Count == 0 ? SiuErrors.SpaceNotFound(n, spaceId) : rows[0];
        }
        catch (Exception ex) when (ex is not OperationCanceledException && dialect.Map(ex, context) is { } error)
        {
            return await RefineAsync(error, target, n, ct);
        }
    }

    public async Task<Result<SiuUpdateOutcome>> UpdateSpaceAsync(SiuTarget target, SiuSqlNames n, SiuSpaceUpdate update, CancellationToken ct)
    {
        var shape = SiuValueRules.CheckShape(update, target.AuditUser);
        if (shape.Count > 0) return Result<SiuUpdateOutcome>.Fail(shape);
        var auditUser = target.AuditUser.Trim();
        var context = new SiuFailureContext(target, n, update);
        try
        {
            await using var connection = await dialect.OpenAsync(target, n, ct);
            await using var tx = await dialect.BeginAsync(connection, ct);

            var facts = await dialect.InspectAsync(connection, tx, n, ct);
            if (!facts.TableExists) return SiuErrors.MissingTable(n);
            if (facts.MissingColumns(n) is [var missing, ..]) return SiuErrors.MissingColumn(n, missing);
            var invalid = SiuValueRules.Check(update, auditUser, f => facts.MaxLength(n, f), facts.IsLatin1);
            if (invalid.Count > 0) return Result<SiuUpdateOutcome>.Fail(invalid);

            List<SiuSpace> locked;
            await using (var select = connection.Command(dialect.LockRowSql(n), tx).With("id", update.SpaceId))
                locked = await select.ReadSpacesAsync(ct);
            if (locked.Count == 0) return SiuErrors.SpaceNotFound(n, update.SpaceId);
            if (locked.Count > 1) return SiuErrors.NotExactlyOneRow(n, update.SpaceId, locked.Count);
            var before = locked[0];
            if (before == new SiuSpace(before.Id, update.Name, update.Code, update.Link))
                return new SiuUpdateOutcome(before, before, Changed: false); // already applied: nothing written, no audit row

            await dialect.SetAuditUserAsync(connection, tx, n, auditUser, ct);
            List<SiuSpace> updated;
            await using (var write = connection.Command(
                             $"UPDATE {n.QualifiedTable} SET {n.QLink} = @link, {n.QName} = @name, {n.QCode} = @code WHERE {n.QKey} = @id RETURNING {n.SelectList}", tx)
                         .With("link", update.Link).With("name", update.Name).With("code", update.Code).With("id", update.SpaceId))
                updated = await write.ReadSpacesAsync(ct);
            if (updated.Count != 1)
            {
                await tx.RollbackAsync(CancellationToken.None);
                return SiuErrors.NotExactlyOneRow(n, update.SpaceId, updated.Count);
            }
            await dialect.AfterUpdateAsync(connection, tx, n, auditUser, updated[0], ct);
            await tx.CommitAsync(ct);
            return new SiuUpdateOutcome(before, updated[0], Changed: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && dialect.Map(ex, context) is { } error)
        {
            return error;
        }
    }

    private static List<string> Problems(SiuSchemaFacts facts, SiuSqlNames n)
    {
        if (!facts.TableExists) return [SiuErrors.MissingTableText(n)];
        var problems = facts.MissingColumns(n).Select(c => SiuErrors.MissingColumnText(n, c)).ToList();
        if (facts.Column(n.Key) is { } key && !IsWholeNumber(key.DataType))
            problems.Add($"La columna clave {n.Key} de {n.Display} debe ser numérica entera (es {key.DataType}).");
        if (facts.CanSelect == false)
            problems.Add($"El usuario de la conexión no tiene permiso para leer {n.Display}.");
        if (facts.CanUpdate == false)
            problems.Add($"El usuario de la conexión no tiene permiso para modificar {n.Display}.");
        return problems;
    }

    private static bool IsWholeNumber(string dataType) =>
        dataType.Contains("int", StringComparison.OrdinalIgnoreCase) || dataType.Equals("numeric", StringComparison.OrdinalIgnoreCase);

    /// <summary>A query failed on a missing table or column: look at the schema to name exactly what is missing.</summary>
    private async Task<Error> RefineAsync(Error error, SiuTarget target, SiuSqlNames n, CancellationToken ct)
    {
        if (error.Code is not (SiuErrorCodes.MissingColumn or SiuErrorCodes.MissingTable)) return error;
        try
        {
            await using var connection = await dialect.OpenAsync(target, n, ct);
            var facts = await dialect.InspectAsync(connection, null, n, ct);
            if (!facts.TableExists) return SiuErrors.MissingTable(n);
            return facts.MissingColumns(n) is [var missing, ..] ? SiuErrors.MissingColumn(n, missing) : error;
        }
        catch (Exception ex) when (ex is DbException)
        {
            return error;
        }
    }

    /// <summary>LIKE pattern text with '!' as the escape character (declared in each dialect's SQL).</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);
}
