using Aulario.Core.Common;
using Aulario.Core.Import;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Import;

/// <summary>/cuentas/importar: upload a CSV, see every row's result (nothing changes), then apply the valid rows as a job.</summary>
[Authorize(Policy = AuthPolicies.Admin)]
[RequestSizeLimit(ImportEndpoints.MaxUploadBytes)]
public sealed class ImportModel(AccountImport import, Aulario.Core.Portals.PortalCommands portals) : PageModel
{
    public const int RowsShown = 500;
    public ImportReport? Report { get; private set; }

    /// <summary>The portal the imported accounts belong to (portal admins: theirs; institution admins may leave it empty).</summary>
    [BindProperty] public Guid? PortalId { get; set; }
    public Portals.PortalChoice? Portal { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        await next();
        Portal = await Portals.PortalChoice.ForAsync(portals, CurrentUser.Of(User).Scope, nameof(PortalId), "portal", PortalId, HttpContext.RequestAborted);
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        var file = await ImportEndpoints.ReadUploadAsync(Request, ct);
        if (!file.IsSuccess) { ModelState.AddErrors(file.Errors); return Page(); }
        var report = await import.DryRunAsync(file.Value, PortalId, ImportEndpoints.ActorOf(HttpContext), CurrentUser.Of(User).Scope, ct);
        if (!report.IsSuccess) { ModelState.AddErrors(report.Errors); return Page(); }
        Report = report.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid jobId, CancellationToken ct)
    {
        var job = await import.ApplyAsync(jobId, ImportEndpoints.ActorOf(HttpContext), CurrentUser.Of(User).Scope, ct);
        if (!job.IsSuccess) { ModelState.AddErrors(job.Errors); return Page(); }
        return Redirect($"/trabajos/{job.Value.Id}");
    }
}
