using Aulario.Core.Common;
using Aulario.Core.Delegates;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.SelfService;

/// <summary>/mi-cuenta/delegados: the host's delegates (add or remove one or several) and the hosts that named this account.</summary>
public sealed class SelfServiceDelegatesModel(DelegateCommands delegates, CurrentUser current) : PageModel
{
    public DelegatesPanel Panel { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync([FromQuery] string? q, CancellationToken ct) =>
        RunAsync(DelegatesPanel.Operation.View, q, [], null, ct);

    public Task<IActionResult> OnPostAddAsync([FromForm] string? q, [FromForm] string[]? add, [FromForm] string? addText, CancellationToken ct) =>
        RunAsync(DelegatesPanel.Operation.Add, q, add ?? [], addText, ct);

    public Task<IActionResult> OnPostRemoveAsync([FromForm] string[]? remove, CancellationToken ct) =>
        RunAsync(DelegatesPanel.Operation.Remove, null, remove ?? [], null, ct);

    private async Task<IActionResult> RunAsync(DelegatesPanel.Operation op, string? q, IReadOnlyList<string> chosen, string? text, CancellationToken ct)
    {
        if (current.SelfAccountId is not { } id) return NotFound();
        // The account comes from the principal: the person's own, or the one an admin started acting as within their scope.
        var panel = await DelegatesPanel.RunAsync(delegates, id, AdminScope.Institution, current.Actor, "/mi-cuenta/delegados", op, q, chosen, text, ModelState, ct);
        if (panel is null) return NotFound();
        Panel = panel;
        return Page();
    }
}
