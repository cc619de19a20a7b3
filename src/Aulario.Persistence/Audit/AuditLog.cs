using System.Text.Json;
using System.Text.Json.Nodes;
using Aulario.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Persistence.Audit;

/// <summary>
/// Adds audit entries to the same unit of work as the change they describe (saved together or not at all).
/// Properties whose names look secret (password, passcode, secret, token, connection) are dropped from before/after.
/// </summary>
public sealed class AuditLog(AularioDbContext db, TimeProvider time) : IAuditLog
{
    private static readonly string[] SecretWords = ["password", "passcode", "secret", "token", "connection", "protected"];

    public void Record(Actor actor, string action, string target, object? before = null, object? after = null, Guid? portalId = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor.Name,
            ActingAs = actor.ActingAs,
            PortalId = portalId,
            Action = action,
            Target = target,
            Before = Serialize(before),
            After = Serialize(after),
        });
    }

    internal static string? Serialize(object? value)
    {
        if (value is null) return null;
        var node = JsonSerializer.SerializeToNode(value, value.GetType());
        Scrub(node);
        return node?.ToJsonString();
    }

    private static void Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase))
                        && !key.EndsWith("Configured", StringComparison.Ordinal))
                        obj.Remove(key);
                    else
                        Scrub(obj[key]);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Scrub(item);
                break;
        }
    }
}

public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Target = null, Guid? PortalId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>Reads the audit log: filtered, newest first, paged; or streamed for export.</summary>
public sealed class AuditQuery(AularioDbContext db)
{
    public async Task<Aulario.Core.Common.Page<AuditEntry>> ListAsync(AuditFilter filter, Aulario.Core.Common.AdminScope scope, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(1, page);
        var q = Filtered(filter, scope);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).AsNoTracking().ToListAsync(ct);
        return new Aulario.Core.Common.Page<AuditEntry>(items, page, pageSize, total);
    }

    public IAsyncEnumerable<AuditEntry> ExportAsync(AuditFilter filter, Aulario.Core.Common.AdminScope scope) =>
        Filtered(filter, scope).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).AsNoTracking().AsAsyncEnumerable();

    private IQueryable<AuditEntry> Filtered(AuditFilter f, Aulario.Core.Common.AdminScope scope)
    {
        IQueryable<AuditEntry> q = db.AuditEntries;
        if (!scope.AllPortals) q = q.Where(a => a.PortalId != null && scope.PortalIds.Contains(a.PortalId.Value));
        if (!string.IsNullOrWhiteSpace(f.Actor)) q = q.Where(a => a.Actor.Contains(f.Actor.Trim()) || (a.ActingAs != null && a.ActingAs.Contains(f.Actor.Trim())));
        if (!string.IsNullOrWhiteSpace(f.Action)) q = q.Where(a => a.Action.StartsWith(f.Action.Trim()));
        if (!string.IsNullOrWhiteSpace(f.Target)) q = q.Where(a => a.Target.Contains(f.Target.Trim()));
        if (f.PortalId is { } portal) q = q.Where(a => a.PortalId == portal);
        if (f.From is { } from) q = q.Where(a => a.At >= from);
        if (f.To is { } to) q = q.Where(a => a.At < to);
        return q;
    }
}
