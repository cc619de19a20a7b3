using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Core.Portals;
using Aulario.Core.Siu;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Classrooms;

/// <summary>/aulas?portal=…: the portal's classrooms (SIU space, Zoom account, passcode state, state with reason and retry) and a search of its SIU spaces.</summary>
public sealed class ClassroomsIndexModel(PortalCommands portals, ClassroomQueries queries, IAularioDb db, IAuditLog audit) : PageModel
{
    public Portal? Portal { get; private set; }
    public IReadOnlyList<Portal> Portals { get; private set; } = [];
    public IReadOnlyList<ClassroomRow> Classrooms { get; private set; } = [];
    public IReadOnlyList<SiuSpace>? Spaces { get; private set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "espacios")] public string? SpaceSearch { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? portal, CancellationToken ct)
    {
        (Portal, Portals) = await PortalPicker.PickAsync(portals, CurrentUser.Of(User).Scope, portal, ct);
        if (portal is not null && Portal is null) return NotFound();
        if (Portal is null) return Page();
        var rows = await queries.ListAsync(Portal.Id, CurrentUser.Of(User).Scope, Search, ct);
        if (rows.IsSuccess) Classrooms = rows.Value;
        if (SpaceSearch is not null)
        {
            var spaces = await queries.SearchSpacesAsync(Portal.Id, SpaceSearch, CurrentUser.Of(User).Scope, ct);
            if (spaces.IsSuccess) Spaces = spaces.Value;
            else ModelState.AddErrors(spaces.Errors);
        }
        return Page();
    }

    /// <summary>"Reintentar": the classroom's last job runs its failed item again from the step where it stopped.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid portal, Guid classroom, CancellationToken ct)
    {
        var found = await queries.GetAsync(classroom, CurrentUser.Of(User).Scope, ct);
        if (!found.IsSuccess || found.Value.LastJobId is not { } jobId) return NotFound();
        var retried = await JobEngine.RetryFailedAsync(db, audit, jobId, CurrentUser.Of(User).Actor, CurrentUser.Of(User).Scope, ct);
        if (!retried.IsSuccess)
        {
            ModelState.AddErrors(retried.Errors);
            return await OnGetAsync(portal, ct);
        }
        return Redirect($"/trabajos/{jobId}");
    }
}
