using System.Text.RegularExpressions;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Secrets;
using Aulario.Core.Siu;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Portals;

/// <param name="SiuConnectionString">Null keeps the stored one (the form never shows it back).</param>
public sealed record PortalInput(
    string Code, string Name, string? SiuConnectionString, SiuProvider SiuProvider,
    string SiuSchema, string SiuTable, string SiuKeyColumn, string SiuLinkColumn, string SiuNameColumn, string SiuCodeColumn,
    string SiuAuditUser);

/// <summary>Portals (academic units with their own SIU database): create, edit, list, test the SIU connection.</summary>
public sealed partial class PortalCommands(IAularioDb db, ISiuDirectory siu, ISecretProtector secrets, IAuditLog audit, TimeProvider time)
{
    [GeneratedRegex("^[A-Za-z0-9_-]{2,20}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();

    public async Task<IReadOnlyList<Portal>> ListAsync(AdminScope scope, CancellationToken ct = default) =>
        await (scope.AllPortals ? db.Portals : db.Portals.Where(p => scope.PortalIds.Contains(p.Id)))
            .OrderBy(p => p.Code).AsNoTracking().ToListAsync(ct);

    public async Task<Result<Portal>> GetAsync(Guid id, AdminScope scope, CancellationToken ct = default)
    {
        var portal = await db.Portals.FirstOrDefaultAsync(p => p.Id == id, ct);
        return portal is not null && scope.Allows(portal.Id) ? portal : Error.NotFound("portal.not-found", "El portal no existe o no está a tu alcance.");
    }

    public async Task<Result<Portal>> SaveAsync(Guid? id, PortalInput input, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        if (id is null && !scope.AllPortals) return Error.Forbidden("portal.create-forbidden", "Solo un administrador de la institución puede crear portales.");
        // Out of scope first: another portal's admin learns nothing from validation messages.
        if (id is { } target && !(await GetAsync(target, scope, ct)).IsSuccess) return Error.NotFound("portal.not-found", "El portal no existe o no está a tu alcance.");
        var errors = Validate(input, requireConnection: id is null);
        if (errors.Count > 0) return Result<Portal>.Fail(errors);
        var code = input.Code.Trim().ToUpperInvariant();
        if (await db.Portals.AnyAsync(p => p.Code == code && p.Id != id, ct))
            return Error.Conflict("portal.duplicate-code", $"Ya existe un portal con el código {code}.", "code");

        Portal portal;
        object? before = null;
        if (id is { } existingId)
        {
            var found = await GetAsync(existingId, scope, ct);
            if (!found.IsSuccess) return found;
            portal = found.Value;
            before = Snapshot(portal);
        }
        else
        {
            portal = new Portal { Code = code, Name = input.Name.Trim(), CreatedAt = time.GetUtcNow() };
            db.Portals.Add(portal);
        }
        portal.Code = code;
        portal.Name = input.Name.Trim();
        portal.SiuProvider = input.SiuProvider;
        if (!string.IsNullOrWhiteSpace(input.SiuConnectionString)) portal.SiuConnectionProtected = secrets.Protect(input.SiuConnectionString.Trim());
        portal.SiuSchema = input.SiuSchema.Trim();
        portal.SiuTable = input.SiuTable.Trim();
        portal.SiuKeyColumn = input.SiuKeyColumn.Trim();
        portal.SiuLinkColumn = input.SiuLinkColumn.Trim();
        portal.SiuNameColumn = input.SiuNameColumn.Trim();
        portal.SiuCodeColumn = input.SiuCodeColumn.Trim();
        portal.SiuAuditUser = input.SiuAuditUser.Trim();
        audit.Record(actor, id is null ? "portal.created" : "portal.edited", $"portal:{portal.Code}", before, Snapshot(portal), portal.Id);
        await db.SaveChangesAsync(ct);
        return portal;
    }

    /// <summary>"Probar conexión": table and columns exist, their maximum lengths, the server encoding — in plain words.</summary>
    public async Task<Result<SiuConnectionReport>> TestConnectionAsync(Guid id, AdminScope scope, CancellationToken ct = default)
    {
        var found = await GetAsync(id, scope, ct);
        if (!found.IsSuccess) return Result<SiuConnectionReport>.Fail(found.Errors);
        return TargetOf(found.Value) is { } target
            ? await siu.TestConnectionAsync(target, ct)
            : Error.Validation("portal.no-connection", "El portal no tiene configurada la conexión a SIU.", "siuConnectionString");
    }

    /// <summary>The SIU target of a portal, or null when no connection is configured.</summary>
    public SiuTarget? TargetOf(Portal portal) =>
        portal.SiuConnectionProtected is { } protectedCs
            ? new SiuTarget(portal.SiuProvider, secrets.Unprotect(protectedCs), portal.Names, portal.SiuAuditUser)
            : null;

    private static List<Error> Validate(PortalInput i, bool requireConnection)
    {
        var errors = new List<Error>();
        if (!CodePattern().IsMatch(i.Code?.Trim() ?? ""))
            errors.Add(Error.Validation("portal.code-invalid", "El código debe tener de 2 a 20 letras, números, - o _ (por ejemplo ISSP).", "code"));
        if (string.IsNullOrWhiteSpace(i.Name) || i.Name.Trim().Length > 100 || i.Name.Any(c => c is '<' or '>'))
            errors.Add(Error.Validation("portal.name-invalid", "Ingresá un nombre de hasta 100 caracteres, sin < ni >.", "name"));
        if (requireConnection && string.IsNullOrWhiteSpace(i.SiuConnectionString))
            errors.Add(Error.Validation("portal.connection-required", "Ingresá la cadena de conexión a la base de SIU.", "siuConnectionString"));
        if (!Enum.IsDefined(i.SiuProvider))
            errors.Add(Error.Validation("portal.provider-invalid", "El motor de SIU debe ser PostgreSQL.", "siuProvider"));
        foreach (var (value, field, label) in new[]
                 {
                     (i.SiuSchema, "siuSchema", "esquema"), (i.SiuTable, "siuTable", "tabla"), (i.SiuKeyColumn, "siuKeyColumn", "columna clave"),
                     (i.SiuLinkColumn, "siuLinkColumn", "columna del enlace"), (i.SiuNameColumn, "siuNameColumn", "columna del nombre"),
                     (i.SiuCodeColumn, "siuCodeColumn", "columna del código"),
                 })
        {
            if (!IdentifierPattern().IsMatch(value?.Trim() ?? ""))
                errors.Add(Error.Validation("portal.identifier-invalid", $"El nombre de {label} «{value}» no es un identificador válido de PostgreSQL.", field));
        }
        if (string.IsNullOrWhiteSpace(i.SiuAuditUser) || i.SiuAuditUser.Trim().Length > 60)
            errors.Add(Error.Validation("portal.audit-user-invalid", "El usuario de auditoría de SIU debe tener de 1 a 60 caracteres.", "siuAuditUser"));
        return errors;
    }

    private static object Snapshot(Portal p) => new
    {
        p.Code, p.Name, Provider = p.SiuProvider.ToString(), p.SiuSchema, p.SiuTable, p.SiuKeyColumn, p.SiuLinkColumn, p.SiuNameColumn, p.SiuCodeColumn,
        p.SiuAuditUser, ConnectionConfigured = p.SiuConnectionProtected is not null,
    };
}
