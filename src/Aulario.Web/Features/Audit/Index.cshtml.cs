using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Persistence.Audit;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Audit;

/// <summary>/auditoria: the audit log with filters (actor, action, target, date range), paging and CSV export.</summary>
public sealed class AuditIndexModel(AuditQuery query, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public AuditFilterInput Filter { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public Page<AuditEntry> Result { get; private set; } = new([], 1, PageSize, 0);
    public string ExportUrl => "/auditoria/exportar" + QueryString.Create(Filter.ToRouteValues());

    public string PageUrl(int page) => "/auditoria" + QueryString.Create(Filter.ToRouteValues(page));

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Unparseable dates or page numbers are reported as field errors (never a 500) and ignored.
        if (Filter.IsRangeInverted)
            ModelState.AddErrors([Error.Validation("audit.range", t["Audit.RangeInverted"], "hasta")]);
        var filter = ModelState.IsValid ? Filter.ToFilter() : new AuditFilterInput { Actor = Filter.Actor, Action = Filter.Action, Target = Filter.Target }.ToFilter();
        Result = await query.ListAsync(filter, CurrentUser.Of(User).Scope, Math.Max(1, PageNumber), PageSize, ct);
    }
}
