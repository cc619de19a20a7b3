using System.Globalization;
using Aulario.Core.Common;

namespace Aulario.Core.Accounts;

/// <summary>CSV export of the accounts of the current filter, streamed row by row (flat memory at 100,000 rows).</summary>
public sealed class AccountExport(AccountQueries queries)
{
    public async Task WriteAsync(Stream output, AccountListQuery query, AdminScope scope, string culture, CancellationToken ct = default)
    {
        var en = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        await using var writer = new StreamWriter(output, CsvText.Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true);
        var csv = new CsvText(writer);
        await csv.WriteRowAsync(en
            ? ["Email", "First name", "Last name", "Status", "License", "Classroom", "Time zone", "Department", "Last sign-in (UTC)", "Created (UTC)", "Zoom user id"]
            : ["Correo", "Nombre", "Apellido", "Estado", "Licencia", "Aula virtual", "Zona horaria", "Departamento", "Último ingreso (UTC)", "Creada (UTC)", "Id de usuario Zoom"], ct);
        await foreach (var a in queries.ExportAsync(query, scope).WithCancellation(ct))
        {
            await csv.WriteRowAsync([
                a.Email, a.FirstName, a.LastName, StatusText(a.Status, en), a.LicenseType == LicenseType.Licensed ? (en ? "Licensed" : "Con licencia") : (en ? "Basic" : "Básica"),
                a.IsClassroom ? (en ? "yes" : "sí") : "no", a.Timezone, a.Department,
                a.LastSignInAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                a.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), a.ZoomUserId,
            ], ct);
        }
        await writer.FlushAsync(ct);
    }

    public static string StatusText(AccountStatus status, bool english) => status switch
    {
        AccountStatus.Active => english ? "Active" : "Activa",
        AccountStatus.Pending => english ? "Pending" : "Pendiente",
        AccountStatus.Finalized => english ? "Finalized" : "Finalizada",
    };
}
