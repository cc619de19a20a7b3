using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Portals;
using Aulario.Core.Siu;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Classrooms;

/// <summary>
/// /aulas/nueva: "Nueva aula" / "Reemplazar cuenta" — pick a SIU space, the account (email and names), the new nombre/codigo,
/// the passcode (chosen or generated) and whether to finalize the old account; then a preview (old → new) and "Aplicar" starts the job.
/// </summary>
public sealed class ClassroomsNewModel(PortalCommands portals, ClassroomQueries queries, ClassroomCommands commands) : PageModel
{
    [BindProperty] public AssignForm Form { get; set; } = new();
    public Portal? Portal { get; private set; }
    public IReadOnlyList<SiuSpace> Spaces { get; private set; } = [];
    public ClassroomPreview? Preview { get; private set; }
    /// <summary>The space already has a classroom with an account: this is "Reemplazar cuenta".</summary>
    public bool Replacing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? portal, int? espacio, CancellationToken ct)
    {
        if (!await LoadAsync(portal, ct)) return NotFound();
        if (espacio is { } e) Form.SpaceId = e;
        await LoadReplacingAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid? portal, CancellationToken ct)
    {
        if (!await LoadAsync(portal, ct)) return NotFound();
        await LoadReplacingAsync(ct);
        var preview = await commands.PreviewAsync(Form.ToRequest(Portal!.Id), CurrentUser.Of(User).Scope, ct);
        if (!preview.IsSuccess) { ModelState.AddErrors(preview.Errors, nameof(Form)); return Page(); }
        Preview = preview.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid? portal, CancellationToken ct)
    {
        if (!await LoadAsync(portal, ct)) return NotFound();
        var job = await commands.StartAssignAsync(Form.ToRequest(Portal!.Id), CurrentUser.Of(User).Actor, CurrentUser.Of(User).Scope, ct);
        if (!job.IsSuccess)
        {
            await LoadReplacingAsync(ct);
            ModelState.AddErrors(job.Errors, nameof(Form));
            return Page();
        }
        return Redirect($"/trabajos/{job.Value.Id}");
    }

    private async Task<bool> LoadAsync(Guid? portal, CancellationToken ct)
    {
        (Portal, _) = await PortalPicker.PickAsync(portals, CurrentUser.Of(User).Scope, portal, ct);
        if (Portal is null) return false;
        var spaces = await queries.SearchSpacesAsync(Portal.Id, null, CurrentUser.Of(User).Scope, ct);
        if (spaces.IsSuccess) Spaces = spaces.Value;
        else ModelState.AddErrors(spaces.Errors);
        return true;
    }

    private async Task LoadReplacingAsync(CancellationToken ct)
    {
        if (Form.SpaceId <= 0) return;
        var rows = await queries.ListAsync(Portal!.Id, CurrentUser.Of(User).Scope, null, ct);
        Replacing = rows.IsSuccess && rows.Value.Any(r => r.SiuSpaceId == Form.SpaceId && r.AccountId is not null);
    }

    public sealed class AssignForm
    {
        public int SpaceId { get; set; }
        public string? AccountEmail { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? NewName { get; set; }
        public string? NewCode { get; set; }
        /// <summary>"generate" (default) or "choose".</summary>
        public string PasscodeMode { get; set; } = "generate";
        public string? Passcode { get; set; }
        public bool FinalizeOldAccount { get; set; }

        public AssignClassroomRequest ToRequest(Guid portalId) => new(portalId, SpaceId, AccountEmail ?? "", Blank(FirstName), Blank(LastName),
            Blank(NewName), Blank(NewCode), PasscodeMode == "choose" ? Blank(Passcode) : null, FinalizeOldAccount);

        private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
    }
}
