using Aulario.Core.Common;
using Aulario.Core.Import;
using Aulario.Core.Portals;
using Aulario.Web.Features.Classrooms;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Import;

/// <summary>/aulas/importar: upload a CSV of classrooms of a portal, see every row's SIU change (nothing changes), then apply the valid rows as a job.</summary>
[Authorize(Policy = AuthPolicies.Admin)]
[RequestSizeLimit(ImportEndpoints.MaxUploadBytes)]
public sealed class ClassroomImportModel(PortalCommands portals, ClassroomImport import) : PageModel
{
    public Portal? Portal { get; private set; }
    public IReadOnlyList<Portal> Portals { get; private set; } = [];
    public ClassroomImportReport? Report { get; private set; }

    public async Task OnGetAsync(Guid? portal, CancellationToken ct) => (Portal, Portals) = await PortalPicker.PickAsync(portals, CurrentUser.Of(User).Scope, portal, ct);

    public async Task<IActionResult> OnPostCheckAsync(Guid? portal, CancellationToken ct)
    {
        (Portal, Portals) = await PortalPicker.PickAsync(portals, CurrentUser.Of(User).Scope, portal, ct);
        if (Portal is null) return NotFound();
        var file = await ImportEndpoints.ReadUploadAsync(Request, ct);
        if (!file.IsSuccess) { ModelState.AddErrors(file.Errors); return Page(); }
        var report = await import.DryRunAsync(file.Value, Portal.Id, ImportEndpoints.ActorOf(HttpContext), CurrentUser.Of(User).Scope, ct);
        if (!report.IsSuccess) { ModelState.AddErrors(report.Errors); return Page(); }
        Report = report.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid? portal, Guid jobId, CancellationToken ct)
    {
        (Portal, Portals) = await PortalPicker.PickAsync(portals, CurrentUser.Of(User).Scope, portal, ct);
        var job = await import.ApplyAsync(jobId, ImportEndpoints.ActorOf(HttpContext), CurrentUser.Of(User).Scope, ct);
        if (!job.IsSuccess) { ModelState.AddErrors(job.Errors); return Page(); }
        return Redirect($"/trabajos/{job.Value.Id}");
    }
}
