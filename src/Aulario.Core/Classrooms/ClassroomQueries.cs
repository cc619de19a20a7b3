using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Core.Portals;
using Aulario.Core.Siu;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Classrooms;

public sealed record ClassroomRow(
    Guid Id, Guid PortalId, int SiuSpaceId, string? SiuName, string? SiuCode, string? SiuLink,
    Guid? AccountId, string? AccountEmail, AccountStatus? AccountStatus, bool HasPasscode, DateTimeOffset? PasscodeChangedAt,
    ClassroomState State, string? AttentionReason, Guid? LastJobId);

/// <summary>A portal's classrooms with their SIU space, Zoom account and passcode state; search of the portal's SIU spaces.</summary>
public sealed class ClassroomQueries(IAularioDb db, ISiuDirectory siu, PortalCommands portals)
{
    public async Task<Result<IReadOnlyList<ClassroomRow>>> ListAsync(Guid portalId, AdminScope scope, string? search, CancellationToken ct = default)
    {
        if (!scope.Allows(portalId)) return Error.NotFound("portal.not-found", "El portal no existe o no está a tu alcance.");
        var q = from c in db.Classrooms.Where(c => c.PortalId == portalId)
                join a in db.Accounts on c.AccountId equals a.Id into accounts
                from a in accounts.DefaultIfEmpty()
                orderby c.SiuName, c.SiuSpaceId
                select new ClassroomRow(c.Id, c.PortalId, c.SiuSpaceId, c.SiuName, c.SiuCode, c.SiuLink, c.AccountId,
                    a == null ? null : a.Email, a == null ? null : a.Status, c.PasscodeProtected != null, c.PasscodeChangedAt,
                    c.State, c.AttentionReason, c.LastJobId);
        // A portal has hundreds of classrooms, not millions: filter in memory, case- and accent-insensitively.
        // Ordered before the projection: EF cannot translate members of a constructor-projected record.
        var rows = await q.ToListAsync(ct);
        if (string.IsNullOrWhiteSpace(search)) return rows;
        var compare = System.Globalization.CultureInfo.GetCultureInfo("es-AR").CompareInfo;
        const System.Globalization.CompareOptions options = System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace;
        bool Has(string? text) => text is not null && compare.IndexOf(text, search.Trim(), options) >= 0;
        return rows.Where(r => Has(r.SiuName) || Has(r.SiuCode) || Has(r.AccountEmail)).ToList();
    }

    public async Task<Result<Classroom>> GetAsync(Guid id, AdminScope scope, CancellationToken ct = default)
    {
        var classroom = await db.Classrooms.FirstOrDefaultAsync(c => c.Id == id, ct);
        return classroom is not null && scope.Allows(classroom.PortalId)
            ? classroom
            : Error.NotFound("classroom.not-found", "El aula no existe o no está a tu alcance.");
    }

    /// <summary>Searches the portal's SIU spaces (to link one to a classroom).</summary>
    public async Task<Result<IReadOnlyList<SiuSpace>>> SearchSpacesAsync(Guid portalId, string? query, AdminScope scope, CancellationToken ct = default)
    {
        var portal = await portals.GetAsync(portalId, scope, ct);
        if (!portal.IsSuccess) return Result<IReadOnlyList<SiuSpace>>.Fail(portal.Errors);
        if (portals.TargetOf(portal.Value) is not { } target)
            return Error.Validation("portal.no-connection", "El portal no tiene configurada la conexión a SIU.");
        return await siu.SearchSpacesAsync(target, query, 50, ct);
    }
}
