using Aulario.Core.Audit;
using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Persistence.Audit;

/// <summary>What the audit page asks for. Text filters ignore case; <see cref="To"/> is exclusive.</summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Target = null, Guid? PortalId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>Reads the audit log within an admin's scope: filtered, newest first, paged; or streamed for the CSV export.</summary>
public sealed class AuditQuery(AularioDbContext db)
{
    public const int MaxPageSize = 200;

    public async Task<Page<AuditEntry>> ListAsync(AuditFilter filter, AdminScope scope, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(1, page);
        var q = Filtered(filter, scope);
        var total = await q.CountAsync(ct);
        var items = await NewestFirst(q).Skip((page - 1) * pageSize).Take(pageSize).AsNoTracking().ToListAsync(ct);
        return new Page<AuditEntry>(items, page, pageSize, total);
    }

    /// <summary>Every matching entry, newest first, read as it is written out (never the whole log in memory).</summary>
    public IAsyncEnumerable<AuditEntry> ExportAsync(AuditFilter filter, AdminScope scope) =>
        NewestFirst(Filtered(filter, scope)).AsNoTracking().AsAsyncEnumerable();

    private static IQueryable<AuditEntry> NewestFirst(IQueryable<AuditEntry> q) =>
        q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);

    // string.ToLower() here is translated to SQL lower() on both engines; no .NET culture is involved.
#pragma warning disable CA1304
    private IQueryable<AuditEntry> Filtered(AuditFilter f, AdminScope scope)
    {
        IQueryable<AuditEntry> q = db.AuditEntries;
        if (!scope.AllPortals)
        {
            var allowed = scope.PortalIds.ToList();
            q = q.Where(a => a.PortalId != null && allowed.Contains(a.PortalId.Value));
        }
        if (Term(f.Actor) is { } actor)
            q = q.Where(a => a.Actor.ToLower().Contains(actor) || (a.ActingAs != null && a.ActingAs.ToLower().Contains(actor)));
        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            var action = f.Action.Trim();
            q = q.Where(a => a.Action.StartsWith(action));
        }
        if (Term(f.Target) is { } target) q = q.Where(a => a.Target.ToLower().Contains(target));
        if (f.PortalId is { } portal) q = q.Where(a => a.PortalId == portal);
        if (f.From is { } from) q = q.Where(a => a.At >= from);
        if (f.To is { } to) q = q.Where(a => a.At < to);
        return q;
    }
#pragma warning restore CA1304

    private static string? Term(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLowerInvariant();
}
