using Aulario.Core.Audit;
using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Core.Accounts;

public sealed record PastedRow(int Line, string Email, string FirstName, string LastName);

public enum RowOutcome { Created, Adopted, Failed, Invalid }

public sealed record RowResult(int Line, string Email, RowOutcome Outcome, string Message, string? GeneratedPassword = null);

/// <summary>
/// "Pegá una lista": one account per line, as <c>email</c> or <c>email;Nombre;Apellido</c> (comma or tab also separate).
/// The whole paste is checked first; if any line is invalid, or the paste is larger than the limit, nothing is created and
/// every problem is reported by line. Otherwise each account is created and reported by line.
/// </summary>
public sealed class CreateMany(IAularioDb db, CreateAccount create, IOptions<ProvisioningOptions> options)
{
    public async Task<Result<IReadOnlyList<RowResult>>> HandleAsync(string pasted, LicenseType licenseType, bool isClassroom, Guid? portalId,
        Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        portalId = scope.PortalFor(portalId);
        if (scope.CheckNew(portalId) is { } portal) return portal;
        var lines = (pasted ?? "").Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var nonEmpty = lines.Count(l => !string.IsNullOrWhiteSpace(l));
        if (nonEmpty == 0) return Error.Validation("paste.empty", "Pegá al menos un correo, uno por línea.", "emails");
        if (nonEmpty > options.Value.MaxPastedRows)
            return Error.Validation("paste.too-many",
                $"La lista tiene {nonEmpty} líneas; se admiten hasta {options.Value.MaxPastedRows} por vez. Para listas más grandes usá la importación CSV.", "emails");

        var rows = new List<PastedRow>();
        var invalid = new List<RowResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var parts = lines[i].Split([';', ',', '\t']).Select(p => p.Trim()).ToArray();
            var email = parts[0];
            var first = parts.Length > 1 ? parts[1] : "";
            var last = parts.Length > 2 ? parts[2] : "";
            var problem = AccountRules.ValidateEmail(email) ?? AccountRules.ValidateName(first, "firstName", false) ?? AccountRules.ValidateName(last, "lastName", false)
                ?? (parts.Length > 3 ? Error.Validation("paste.extra-columns", "La línea tiene columnas de más: usá correo;nombre;apellido.") : null);
            if (problem is null && !seen.Add(AccountRules.NormalizeEmail(email)))
                problem = Error.Validation("paste.duplicate", "El correo se repite en la lista.");
            if (problem is not null) invalid.Add(new RowResult(i + 1, Shorten(email), RowOutcome.Invalid, problem.Message));
            else rows.Add(new PastedRow(i + 1, AccountRules.NormalizeEmail(email), first, last));
        }
        var emails = rows.Select(r => r.Email).ToList();
        var existing = await db.Accounts.Where(a => emails.Contains(a.Email)).Select(a => a.Email).ToListAsync(ct);
        foreach (var row in rows.Where(r => existing.Contains(r.Email)))
            invalid.Add(new RowResult(row.Line, row.Email, RowOutcome.Invalid, "Ya existe una cuenta con este correo en Aulario."));
        if (invalid.Count > 0)
            return invalid.OrderBy(r => r.Line).ToList();

        var results = new List<RowResult>();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            var local = row.Email[..row.Email.IndexOf('@', StringComparison.Ordinal)];
            var outcome = await create.HandleAsync(new CreateAccountRequest(row.Email,
                string.IsNullOrWhiteSpace(row.FirstName) ? local : row.FirstName,
                string.IsNullOrWhiteSpace(row.LastName) ? "-" : row.LastName,
                licenseType, isClassroom, portalId), actor, scope, ct);
            results.Add(outcome.IsSuccess
                ? new RowResult(row.Line, row.Email, outcome.Value.AdoptedExisting ? RowOutcome.Adopted : RowOutcome.Created,
                    outcome.Value.AdoptedExisting ? "Ya existía en Zoom: se vinculó." :
                    outcome.Value.Account.Status == AccountStatus.Pending ? "Creada: pendiente de activación (Zoom envió el correo)." : "Creada y activa.",
                    outcome.Value.GeneratedPassword)
                : new RowResult(row.Line, row.Email, RowOutcome.Failed, outcome.Errors[0].Message));
        }
        return results;
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
