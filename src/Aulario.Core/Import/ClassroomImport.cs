using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Core.Portals;
using Aulario.Core.Siu;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Import;

public enum ClassroomImportStatus
{
    /// <summary>The space gets this account (a new classroom, or new SIU name/code for the same account).</summary>
    Assign,
    /// <summary>The space is linked to another account today: the link moves to this one.</summary>
    Replace,
    /// <summary>The space already has this account and these values: skipped.</summary>
    Unchanged,
    Invalid,
}

/// <summary>One row of the dry run, with the SIU change it would make (old → new) when the row is valid.</summary>
public sealed record ClassroomImportRow(
    int Line, string Email, int? SpaceId, ClassroomImportStatus Status, string Message,
    string? OldAccountEmail = null, bool AccountExists = false, bool FinalizeOldAccount = false,
    string? OldName = null, string? NewName = null, string? OldCode = null, string? NewCode = null, string? OldLink = null);

/// <summary>A row that passed the checks that need no SIU; <see cref="SpaceId"/> is null when the space is given by its code only.</summary>
public sealed record ClassroomImportCandidate(int Line, string Email, int? SpaceId, string Code, string? NewName, string? NewCode, bool FinalizeOldAccount);

/// <summary>The dry run of a classroom CSV: every row checked against SIU and Aulario; <see cref="JobId"/> is the draft job of the rows to apply.</summary>
public sealed record ClassroomImportReport(
    Guid? JobId, Guid PortalId, char Separator, int Assign, int Replace, int Unchanged, int Invalid, IReadOnlyList<ClassroomImportRow> Rows)
{
    public int Valid => Assign + Replace;
}

/// <summary>
/// CSV import of classrooms of one portal: columns <c>email</c> (the classroom account), the SIU space by <c>espacio</c> (its id)
/// and/or <c>codigo</c>, optional <c>nombre</c> and <c>codigo_nuevo</c> to write to SIU, and <c>finalizar_anterior</c> (sí/no) for a
/// replaced account. The dry run reads SIU and changes nothing but a draft job; applying runs each valid row as "Nueva aula" /
/// "Reemplazar cuenta" (account → activation → passcode → link → SIU → finalize old) through the job engine.
/// </summary>
public sealed class ClassroomImport(IAularioDb db, ISiuDirectory siu, PortalCommands portals, ClassroomCommands commands, IAuditLog audit, TimeProvider time)
{
    public const string Kind = "classrooms.import";
    /// <summary>A portal has hundreds of classrooms; every row is checked against SIU, so a file is kept to this many.</summary>
    public const int MaxRows = 2_000;

    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = "email", ["correo"] = "email", ["e-mail"] = "email", ["mail"] = "email", ["cuenta"] = "email", ["account"] = "email",
        ["espacio"] = "space", ["id_espacio"] = "space", ["id espacio"] = "space", ["espacio_id"] = "space", ["space"] = "space", ["space_id"] = "space",
        ["codigo"] = "code", ["código"] = "code", ["code"] = "code",
        ["nombre"] = "name", ["nombre_nuevo"] = "name", ["nuevo_nombre"] = "name", ["nuevo nombre"] = "name", ["name"] = "name", ["new_name"] = "name",
        ["codigo_nuevo"] = "newCode", ["código_nuevo"] = "newCode", ["nuevo_codigo"] = "newCode", ["nuevo_código"] = "newCode",
        ["nuevo codigo"] = "newCode", ["nuevo código"] = "newCode", ["new_code"] = "newCode",
        ["finalizar_anterior"] = "finalize", ["finalizar anterior"] = "finalize", ["finalizar"] = "finalize", ["finalize_old"] = "finalize",
    };

    /// <summary>SIU problems that are the portal's, not a row's: the dry run stops with one message instead of one per row.</summary>
    private static readonly HashSet<string> PortalWideSiuErrors =
        [SiuErrorCodes.ConnectionFailed, SiuErrorCodes.MissingTable, SiuErrorCodes.MissingColumn, "portal.no-connection", "portal.not-found"];

    public async Task<Result<ClassroomImportReport>> DryRunAsync(byte[] file, Guid portalId, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var portal = await portals.GetAsync(portalId, scope, ct);
        if (!portal.IsSuccess) return Result<ClassroomImportReport>.Fail(portal.Errors);
        if (portals.TargetOf(portal.Value) is not { } target)
            return Error.Validation("portal.no-connection", "El portal no tiene configurada la conexión a SIU.");
        var checkedFile = CheckFile(file);
        if (!checkedFile.IsSuccess) return Result<ClassroomImportReport>.Fail(checkedFile.Errors);
        var (separator, report, candidates) = checkedFile.Value;

        // Who holds what today: one account is the classroom of one space.
        var linked = await (from c in db.Classrooms.AsNoTracking().Where(c => c.PortalId == portalId && c.AccountId != null)
                            join a in db.Accounts.AsNoTracking() on c.AccountId equals a.Id
                            select new { a.Email, c.SiuSpaceId }).ToListAsync(ct);
        var spaceOfAccount = linked.GroupBy(l => l.Email).ToDictionary(g => g.Key, g => g.First().SiuSpaceId, StringComparer.Ordinal);
        var busy = (await db.Classrooms.AsNoTracking().Where(c => c.PortalId == portalId && c.State == ClassroomState.InProgress)
            .Select(c => c.SiuSpaceId).ToListAsync(ct)).ToHashSet();

        var toApply = new List<(int SpaceId, AssignClassroomRequest Request)>();
        var seenSpace = new Dictionary<int, int>();
        foreach (var row in candidates)
        {
            var normalized = row.Email;
            ClassroomImportRow Invalid(string message, int? space = null) => new(row.Line, normalized, space, ClassroomImportStatus.Invalid, message);
            var space = row.SpaceId is { } given ? given : await ResolveCodeAsync(target, row.Code, ct);
            if (!space.IsSuccess)
            {
                if (PortalWideSiuErrors.Contains(space.Errors[0].Code)) return SiuUnavailable(space.Errors[0]);
                report.Add(Invalid(space.Errors[0].Message));
                continue;
            }
            var spaceId = space.Value;
            if (seenSpace.TryGetValue(spaceId, out var spaceLine)) { report.Add(Invalid($"El espacio {spaceId} ya aparece en la fila {spaceLine}.", spaceId)); continue; }
            seenSpace[spaceId] = row.Line;

            var request = new AssignClassroomRequest(portalId, spaceId, normalized, null, null,
                row.NewName, row.NewCode, null, row.FinalizeOldAccount);
            var preview = await commands.PreviewAsync(request, scope, ct);
            if (!preview.IsSuccess)
            {
                if (PortalWideSiuErrors.Contains(preview.Errors[0].Code)) return SiuUnavailable(preview.Errors[0]);
                report.Add(Invalid(string.Join(" ", preview.Errors.Select(e => e.Message)), spaceId));
                continue;
            }
            var p = preview.Value;
            if (row.SpaceId is not null && row.Code.Length > 0 && !string.Equals(p.Space.Code, row.Code, StringComparison.OrdinalIgnoreCase))
            {
                report.Add(Invalid($"El espacio {spaceId} tiene en SIU el código «{p.Space.Code}», no «{row.Code}».", spaceId));
                continue;
            }
            string? problem = null;
            if (p.AccountStatus == AccountStatus.Finalized) problem = $"La cuenta {normalized} está finalizada: reactivala o elegí otra.";
            else if (busy.Contains(spaceId)) problem = "El aula ya tiene un trabajo en curso: esperá a que termine o cancelalo.";
            else if (spaceOfAccount.TryGetValue(normalized, out var other) && other != spaceId) problem = $"La cuenta ya es el aula del espacio {other}.";
            if (problem is not null) { report.Add(Invalid(problem, spaceId)); continue; }

            var sameAccount = string.Equals(p.OldAccountEmail, normalized, StringComparison.Ordinal);
            var status = sameAccount && p.NewName == p.Space.Name && p.NewCode == p.Space.Code ? ClassroomImportStatus.Unchanged
                : p.OldAccountEmail is not null && !sameAccount ? ClassroomImportStatus.Replace
                : ClassroomImportStatus.Assign;
            var message = status switch
            {
                ClassroomImportStatus.Unchanged => "Sin cambios: se omite.",
                ClassroomImportStatus.Replace => $"Reemplaza a {p.OldAccountEmail}" + (row.FinalizeOldAccount ? ", que se finalizará." : " (queda activa)."),
                _ when sameAccount => "Actualiza el nombre o el código en SIU.",
                _ => p.AccountExists ? "Se asignará la cuenta existente." : "Se creará la cuenta y se asignará.",
            };
            report.Add(new ClassroomImportRow(row.Line, normalized, spaceId, status, message, p.OldAccountEmail, p.AccountExists,
                row.FinalizeOldAccount && status == ClassroomImportStatus.Replace, p.Space.Name, p.NewName, p.Space.Code, p.NewCode, p.Space.Link));
            if (status != ClassroomImportStatus.Unchanged) toApply.Add((spaceId, request));
        }

        var jobId = await ImportDraft.SaveAsync(db, audit, time, Kind, actor, portalId, toApply.Select(v => ($"space:{v.SpaceId}", (object?)v.Request)), ct);
        report.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new ClassroomImportReport(jobId, portalId, separator,
            report.Count(r => r.Status == ClassroomImportStatus.Assign), report.Count(r => r.Status == ClassroomImportStatus.Replace),
            report.Count(r => r.Status == ClassroomImportStatus.Unchanged), report.Count(r => r.Status == ClassroomImportStatus.Invalid), report);
    }

    /// <summary>Starts the draft job of a dry run: each row runs the classroom steps.</summary>
    public Task<Result<Job>> ApplyAsync(Guid jobId, Actor actor, AdminScope scope, CancellationToken ct = default) =>
        ImportDraft.ApplyAsync(db, audit, Kind, jobId, actor, scope, ct);

    /// <summary>
    /// What can be checked without SIU: the file (encoding, separator, columns, size) and each row on its own (email, space id,
    /// finalizar_anterior, extra cells, an email or space id repeated in the file). Rows that pass go on to the SIU checks.
    /// </summary>
    public static Result<(char Separator, List<ClassroomImportRow> Invalid, List<ClassroomImportCandidate> Candidates)> CheckFile(ReadOnlySpan<byte> file)
    {
        var table = CsvTable.Read(file, MaxRows, Columns,
            [(["email"], "Falta la columna «email» (o «correo») con la cuenta del aula."),
             (["space", "code"], "Falta la columna «espacio» (id del espacio en SIU) o «codigo».")],
            "email, espacio, codigo, nombre, codigo_nuevo, finalizar_anterior");
        if (!table.IsSuccess) return Result<(char, List<ClassroomImportRow>, List<ClassroomImportCandidate>)>.Fail(table.Errors);
        var invalid = new List<ClassroomImportRow>();
        var candidates = new List<ClassroomImportCandidate>();
        var seenEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenSpace = new Dictionary<int, int>();
        foreach (var row in table.Value.Rows)
        {
            var email = row.Cell("email");
            var shown = email.Length > 128 ? email[..128] : email;
            var idText = row.Cell("space");
            int? spaceId = int.TryParse(idText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
            string? problem = row.ExtraCellsProblem ?? AccountRules.ValidateEmail(email)?.Message;
            var finalize = ImportDraft.ParseYesNo(row.Cell("finalize"));
            if (problem is null && finalize is null) problem = $"Finalizar anterior «{row.Cell("finalize")}» desconocido: usá «sí» o «no».";
            if (problem is null && idText.Length > 0 && spaceId is null) problem = $"El espacio «{idText}» no es un número de espacio de SIU.";
            if (problem is null && idText.Length == 0 && row.Cell("code").Length == 0) problem = "Indicá el espacio (id) o su código de SIU.";
            var normalized = AccountRules.NormalizeEmail(email);
            if (problem is null && seenEmail.TryGetValue(normalized, out var emailLine)) problem = $"La cuenta ya aparece en la fila {emailLine}.";
            if (problem is null && spaceId is { } s && seenSpace.TryGetValue(s, out var spaceLine)) problem = $"El espacio {s} ya aparece en la fila {spaceLine}.";
            if (problem is not null)
            {
                invalid.Add(new ClassroomImportRow(row.Line, shown, spaceId, ClassroomImportStatus.Invalid, problem));
                continue;
            }
            seenEmail[normalized] = row.Line;
            if (spaceId is { } first) seenSpace[first] = row.Line;
            candidates.Add(new ClassroomImportCandidate(row.Line, normalized, spaceId, row.Cell("code"),
                NullIfEmpty(row.Cell("name")), NullIfEmpty(row.Cell("newCode")), finalize!.Value));
        }
        return (table.Value.Separator, invalid, candidates);
    }

    /// <summary>The space of a row given by its SIU <c>codigo</c>, which must name exactly one space.</summary>
    private async Task<Result<int>> ResolveCodeAsync(SiuTarget target, string code, CancellationToken ct)
    {
        var found = await siu.SearchSpacesAsync(target, code, 500, ct);
        if (!found.IsSuccess) return Result<int>.Fail(found.Errors);
        var exact = found.Value.Where(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase)).ToList();
        return exact.Count switch
        {
            0 => Error.Validation(SiuErrorCodes.SpaceNotFound, $"No hay en SIU un espacio con el código «{code}»."),
            1 => exact[0].Id,
            _ => Error.Validation("import.space-ambiguous",
                $"El código «{code}» corresponde a {exact.Count} espacios ({string.Join(", ", exact.Select(s => s.Id))}): indicá el id en la columna «espacio»."),
        };
    }

    private static Result<ClassroomImportReport> SiuUnavailable(Error error) =>
        Error.Upstream(error.Code, "No se pudo revisar el archivo contra SIU: " + error.Message + " No se cambió nada.", "file");

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}

/// <summary>
/// Runs one imported row: at its first step the row is checked again against SIU (it may have changed since the dry run) and the
/// classroom marked in progress; from there on it is the classroom flow's steps.
/// </summary>
public sealed class ClassroomImportJobHandler(IAularioDb db, ClassroomCommands commands, ClassroomJobHandler steps) : IJobHandler
{
    public string Kind => ClassroomImport.Kind;

    public async Task<StepOutcome> RunStepAsync(JobStep step, CancellationToken ct)
    {
        if (step.Name != "start") return await steps.RunStepAsync(step, ct);
        var request = JsonSerializer.Deserialize<AssignClassroomRequest>(step.Item.StateJson!, JobStep.Json)!;
        var preview = await commands.PreviewAsync(request, AdminScope.Institution, ct);
        if (!preview.IsSuccess) return new StepOutcome.Failed(preview.Errors[0]);
        var prepared = await commands.PrepareAssignAsync(request, preview.Value, step.Job.Id, ct);
        if (!prepared.IsSuccess) return new StepOutcome.Failed(prepared.Errors[0]);
        await db.SaveChangesAsync(ct);
        return new StepOutcome.Next(ClassroomSteps.Account, prepared.Value.Work);
    }
}
