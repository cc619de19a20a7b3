using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Import;

public enum ImportRowStatus { Valid, Invalid, AlreadyInAulario }

public sealed record ImportRow(int Line, string Email, ImportRowStatus Status, string Message);

/// <summary>The dry run: every row checked; <see cref="JobId"/> is a draft job holding the valid rows, started by <see cref="AccountImport.ApplyAsync"/>.</summary>
public sealed record ImportReport(Guid? JobId, char Separator, int Valid, int Invalid, int Existing, IReadOnlyList<ImportRow> Rows);

/// <summary>
/// CSV import of accounts: columns <c>email</c> (or <c>correo</c>), optional <c>nombre</c>, <c>apellido</c>, <c>licencia</c>
/// (Básica/Con licencia), <c>aula</c> (sí/no). A dry run reports every row and changes nothing but a draft job; applying starts
/// the job, which creates the valid rows' accounts throttled by the Zoom client (and pauses at Zoom's daily create cap).
/// </summary>
public sealed class AccountImport(IAularioDb db, IAuditLog audit, TimeProvider time)
{
    public const string Kind = "accounts.import";
    public const int MaxRows = 50_000;

    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = "email", ["correo"] = "email", ["e-mail"] = "email", ["mail"] = "email",
        ["nombre"] = "first", ["first_name"] = "first", ["first name"] = "first",
        ["apellido"] = "last", ["last_name"] = "last", ["last name"] = "last",
        ["licencia"] = "license", ["license"] = "license", ["tipo"] = "license",
        ["aula"] = "classroom", ["aula virtual"] = "classroom", ["classroom"] = "classroom",
    };

    public async Task<Result<ImportReport>> DryRunAsync(byte[] file, Guid? portalId, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        portalId = scope.PortalFor(portalId);
        if (scope.CheckNew(portalId) is { } portal) return portal;
        var table = CsvTable.Read(file, MaxRows, Columns, [(["email"], "Falta la columna «email» (o «correo»).")],
            "email, nombre, apellido, licencia, aula");
        if (!table.IsSuccess) return Result<ImportReport>.Fail(table.Errors);
        var rows = table.Value.Rows;

        var report = new List<ImportRow>(rows.Count);
        var valid = new List<(int Line, CreateAccountRequest Request)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var line = row.Line;
            string Cell(string key) => row.Cell(key);
            if (row.ExtraCellsProblem is { } extra)
            {
                report.Add(new ImportRow(line, Cell("email"), ImportRowStatus.Invalid, extra));
                continue;
            }
            var email = Cell("email");
            var problem = AccountRules.ValidateEmail(email) ?? AccountRules.ValidateName(Cell("first"), "firstName", false) ?? AccountRules.ValidateName(Cell("last"), "lastName", false);
            var license = ParseLicense(Cell("license"));
            var classroom = ImportDraft.ParseYesNo(Cell("classroom"));
            if (problem is null && license is null) problem = Error.Validation("import.license", $"Licencia «{Cell("license")}» desconocida: usá «Básica» o «Con licencia».");
            if (problem is null && classroom is null) problem = Error.Validation("import.classroom", $"Aula «{Cell("classroom")}» desconocida: usá «sí» o «no».");
            if (problem is null && seen.TryGetValue(AccountRules.NormalizeEmail(email), out var firstLine))
                problem = Error.Validation("import.duplicate", $"El correo ya aparece en la fila {firstLine}.");
            if (problem is not null)
            {
                report.Add(new ImportRow(line, email.Length > 128 ? email[..128] : email, ImportRowStatus.Invalid, problem.Message));
                continue;
            }
            var normalized = AccountRules.NormalizeEmail(email);
            seen[normalized] = line;
            var local = normalized[..normalized.IndexOf('@', StringComparison.Ordinal)];
            valid.Add((line, new CreateAccountRequest(normalized, Cell("first") is { Length: > 0 } f ? f : local, Cell("last") is { Length: > 0 } l ? l : "-",
                license!.Value, classroom!.Value, portalId)));
            report.Add(new ImportRow(line, normalized, ImportRowStatus.Valid, "Se creará."));
        }

        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in valid.Select(v => v.Request.Email).Chunk(500))
            existing.UnionWith(await db.Accounts.Where(a => chunk.Contains(a.Email)).Select(a => a.Email).ToListAsync(ct));
        for (var i = 0; i < report.Count; i++)
            if (report[i].Status == ImportRowStatus.Valid && existing.Contains(report[i].Email))
                report[i] = report[i] with { Status = ImportRowStatus.AlreadyInAulario, Message = "Ya existe en Aulario: se omite." };
        var toCreate = valid.Where(v => !existing.Contains(v.Request.Email)).ToList();

        var jobId = await ImportDraft.SaveAsync(db, audit, time, Kind, actor, portalId, toCreate.Select(v => ($"email:{v.Request.Email}", (object?)v.Request)), ct);
        return new ImportReport(jobId, table.Value.Separator, toCreate.Count, report.Count(r => r.Status == ImportRowStatus.Invalid),
            report.Count(r => r.Status == ImportRowStatus.AlreadyInAulario), report);
    }

    /// <summary>Starts the draft job of a dry run (creates the valid rows' accounts).</summary>
    public Task<Result<Job>> ApplyAsync(Guid jobId, Actor actor, AdminScope scope, CancellationToken ct = default) =>
        ImportDraft.ApplyAsync(db, audit, Kind, jobId, actor, scope, ct);

    private static LicenseType? ParseLicense(string s) => s.Trim().ToLowerInvariant() switch
    {
        "" or "con licencia" or "licenciada" or "licensed" or "2" or "pro" => LicenseType.Licensed,
        "básica" or "basica" or "basic" or "1" => LicenseType.Basic,
        _ => null,
    };
}

/// <summary>Creates one imported account (adopting a Zoom user that already exists, so a retry never duplicates).</summary>
public sealed class AccountImportJobHandler(CreateAccount create) : IJobHandler
{
    public string Kind => AccountImport.Kind;

    public async Task<StepOutcome> RunStepAsync(JobStep step, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<CreateAccountRequest>(step.Item.StateJson!, JobStep.Json)!;
        var created = await create.HandleAsync(request, new Actor(step.Job.CreatedBy), AdminScope.Institution, ct);
        if (created.IsSuccess) return new StepOutcome.Completed(null, created.Value.AdoptedExisting ? "Ya existía en Zoom: se vinculó." : "Creada.");
        // Someone created it in Aulario meanwhile: nothing left to do for this row.
        if (created.Errors[0].Code == "account.duplicate") return new StepOutcome.Completed(null, created.Errors[0].Message);
        return new StepOutcome.Failed(created.Errors[0]);
    }
}
