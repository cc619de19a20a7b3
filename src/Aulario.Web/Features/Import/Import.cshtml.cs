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
public sealed class ImportModel(AccountImport import) : PageModel
{
    public const int RowsShown = 500;
    public ImportReport? Report { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        var file = await ImportEndpoints.ReadUploadAsync(Request, ct);
        if (!file.IsSuccess) { ModelState.AddErrors(file.Errors); return Page(); }
        var report = await import.DryRunAsync(file.Value, null, ImportEndpoints.ActorOf(HttpContext), AdminScope.Institution, ct);
        if (!report.IsSuccess) { ModelState.AddErrors(report.Errors); return Page(); }
        Report = report.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid jobId, CancellationToken ct)
    {
        var job = await import.ApplyAsync(jobId, ImportEndpoints.ActorOf(HttpContext), AdminScope.Institution, ct);
        if (!job.IsSuccess) { ModelState.AddErrors(job.Errors); return Page(); }
        return Redirect($"/trabajos/{job.Value.Id}");
    }
}
