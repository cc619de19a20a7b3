using System.Globalization;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Persistence.Audit;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Audit;

public sealed record AuditEntryResponse(long Id, DateTimeOffset At, string Actor, string? ActingAs, Guid? PortalId, string Action, string Target, string? Before, string? After)
{
    public static AuditEntryResponse From(AuditEntry e) => new(e.Id, e.At, e.Actor, e.ActingAs, e.PortalId, e.Action, e.Target, e.Before, e.After);
}

public sealed record AuditPageResponse(IReadOnlyList<AuditEntryResponse> Items, int Page, int PageSize, int TotalCount, int PageCount);

public static class AuditEndpoints
{
    public const int DefaultPageSize = 50;

    /// <summary>GET /api/v1/audit: the audit log, newest first, filtered and paged.</summary>
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/audit", ListAsync).WithName("ListAudit").WithSummary("Registro de auditoría (filtrado y paginado)")
            .Produces<AuditPageResponse>().ProducesValidationProblem();
        return group;
    }

    /// <summary>GET /auditoria/exportar: the filtered audit log as CSV (streamed, UTF-8 with BOM, formula cells neutralised).</summary>
    public static WebApplication MapAuditExport(this WebApplication app)
    {
        app.MapGet("/auditoria/exportar", ExportAsync).RequireAuthorization(AuthPolicies.Admin).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ListAsync(
        [AsParameters] AuditFilterInput filter, AuditQuery query, IStringLocalizer<SharedResource> t, TimeProvider time,
        [FromQuery(Name = "page")] int? page, [FromQuery(Name = "pageSize")] int? pageSize, CurrentUser me, CancellationToken ct)
    {
        if (filter.IsRangeInverted)
            return ErrorMapping.ToHttpResult([Error.Validation("audit.range", t["Audit.RangeInverted"], "hasta")], time);
        var result = await query.ListAsync(filter.ToFilter(), me.Scope, page ?? 1, pageSize ?? DefaultPageSize, ct);
        return TypedResults.Ok(new AuditPageResponse(result.Items.Select(AuditEntryResponse.From).ToList(),
            result.PageNumber, result.PageSize, result.TotalCount, result.PageCount));
    }

    private static async Task ExportAsync(HttpContext http, [AsParameters] AuditFilterInput filter, AuditQuery query,
        IStringLocalizer<SharedResource> t, TimeProvider time, CancellationToken ct)
    {
        var stamp = time.GetUtcNow().ToOffset(AuditFilterInput.ArgentinaOffset).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"auditoria-{stamp}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, CsvText.Utf8WithBom, bufferSize: 16 * 1024, leaveOpen: true);
        var csv = new CsvText(writer);
        await csv.WriteRowAsync([t["Audit.Col.At"], t["Audit.Col.Actor"], t["Audit.Col.ActingAs"], t["Audit.Col.Action"], t["Audit.Col.Target"],
            t["Audit.Col.Portal"], t["Audit.Col.Before"], t["Audit.Col.After"]], ct);
        var rows = 0;
        await foreach (var e in query.ExportAsync(filter.ToFilter(), CurrentUser.Of(http.User).Scope).WithCancellation(ct))
        {
            await csv.WriteRowAsync([e.At.ToOffset(AuditFilterInput.ArgentinaOffset).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
                e.Actor, e.ActingAs, e.Action, e.Target, e.PortalId?.ToString(), e.Before, e.After], ct);
            if (++rows % 500 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }
}
