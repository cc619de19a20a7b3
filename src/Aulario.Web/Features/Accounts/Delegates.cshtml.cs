using Aulario.Core.Delegates;
using Aulario.Web.Features.SelfService;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Accounts;

/// <summary>/cuentas/{id}/delegados (flow 7): an admin picks a host and adds or removes one or many delegates, within their scope.</summary>
public sealed class AccountsDelegatesModel(DelegateCommands delegates, CurrentUser current) : PageModel
{
    public DelegatesPanel Panel { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(Guid id, [FromQuery] string? q, CancellationToken ct) =>
        RunAsync(id, DelegatesPanel.Operation.View, q, [], null, ct);

    public Task<IActionResult> OnPostAddAsync(Guid id, [FromForm] string? q, [FromForm] string[]? add, [FromForm] string? addText, CancellationToken ct) =>
        RunAsync(id, DelegatesPanel.Operation.Add, q, add ?? [], addText, ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, [FromForm] string[]? remove, CancellationToken ct) =>
        RunAsync(id, DelegatesPanel.Operation.Remove, null, remove ?? [], null, ct);

    private async Task<IActionResult> RunAsync(Guid id, DelegatesPanel.Operation op, string? q, IReadOnlyList<string> chosen, string? text, CancellationToken ct)
    {
        var panel = await DelegatesPanel.RunAsync(delegates, id, current.Scope, current.Actor, $"/cuentas/{id:D}/delegados", op, q, chosen, text, ModelState, ct);
        if (panel is null) return NotFound();
        Panel = panel;
        return Page();
    }
}
