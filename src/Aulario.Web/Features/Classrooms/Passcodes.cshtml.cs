using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Portals;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Classrooms;

/// <summary>
/// /aulas/contrasenas?portal=…: "Contraseñas Zoom" — per classroom set, generate or reveal (audited) the student passcode;
/// select many or the whole portal and rotate them as one job.
/// </summary>
public sealed class ClassroomsPasscodesModel(PortalCommands portals, ClassroomQueries queries, ClassroomCommands commands) : PageModel
{
    public Portal? Portal { get; private set; }
    public IReadOnlyList<Portal> Portals { get; private set; } = [];
    public IReadOnlyList<ClassroomRow> Classrooms { get; private set; } = [];
    public (Guid ClassroomId, string Passcode)? Revealed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? portal, CancellationToken ct)
    {
        (Portal, Portals) = await PortalPicker.PickAsync(portals, CurrentUser.Of(User).Scope, portal, ct);
        if (portal is not null && Portal is null) return NotFound();
        if (Portal is not null && await queries.ListAsync(Portal.Id, CurrentUser.Of(User).Scope, null, ct) is { IsSuccess: true } rows)
            Classrooms = rows.Value.Where(r => r.AccountId is not null).ToList();
        return Page();
    }

    /// <summary>Sets the chosen passcode of one classroom.</summary>
    public Task<IActionResult> OnPostSetAsync(Guid portal, Guid classroom, string? passcode, CancellationToken ct) =>
        string.IsNullOrEmpty(passcode)
            ? FailAsync(portal, [Error.Validation("passcode.required", "Ingresá la contraseña de alumno o usá «Generar».", "passcode")], ct)
            : StartAsync(portal, [classroom], passcode, ct);

    /// <summary>Generates a new passcode for one classroom.</summary>
    public Task<IActionResult> OnPostGenerateAsync(Guid portal, Guid classroom, CancellationToken ct) => StartAsync(portal, [classroom], null, ct);

    /// <summary>Rotates the selected classrooms, or all of the portal's when <paramref name="all"/> is set.</summary>
    public Task<IActionResult> OnPostRotateAsync(Guid portal, List<Guid>? selected, bool all, CancellationToken ct) =>
        !all && selected is not { Count: > 0 }
            ? FailAsync(portal, [Error.Validation("passcode.none-selected", "Elegí al menos un aula o «Todo el portal».")], ct)
            : StartAsync(portal, all ? null : selected, null, ct);

    public async Task<IActionResult> OnPostRevealAsync(Guid portal, Guid classroom, CancellationToken ct)
    {
        var revealed = await commands.RevealPasscodeAsync(classroom, CurrentUser.Of(User).Actor, CurrentUser.Of(User).Scope, ct);
        if (!revealed.IsSuccess) ModelState.AddErrors(revealed.Errors);
        else Revealed = (classroom, revealed.Value);
        return await OnGetAsync(portal, ct);
    }

    private async Task<IActionResult> StartAsync(Guid portal, IReadOnlyCollection<Guid>? ids, string? passcode, CancellationToken ct)
    {
        var job = await commands.StartPasscodeChangeAsync(portal, ids, passcode, CurrentUser.Of(User).Actor, CurrentUser.Of(User).Scope, ct);
        return job.IsSuccess ? Redirect($"/trabajos/{job.Value.Id}") : await FailAsync(portal, job.Errors, ct);
    }

    private async Task<IActionResult> FailAsync(Guid portal, IReadOnlyList<Error> errors, CancellationToken ct)
    {
        ModelState.AddErrors(errors);
        return await OnGetAsync(portal, ct);
    }
}
