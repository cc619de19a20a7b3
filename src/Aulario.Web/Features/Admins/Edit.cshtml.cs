using Aulario.Core.Portals;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Admins;

/// <summary>/administradores/{id}: change role and portals, disable or enable, remove.</summary>
public sealed class AdminsEditModel(AdminManagement admins, PortalCommands portals, UserManager<Persistence.AppUser> users,
    IStringLocalizer<AdminsResource> t) : PageModel
{
    [BindProperty] public AdminForm Form { get; set; } = new();
    public AdminRow? Admin { get; private set; }
    public IReadOnlyList<Portal> Portals { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Form = new AdminForm { Role = Admin!.Role == AdminRole.Institution ? "institucion" : "portal", PortalIds = Admin.PortalIds.ToList() };
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync(string id, CancellationToken ct) =>
        await RunAsync(id, async me => (await admins.ChangeAsync(id, AdminForm.ParseRole(Form.Role), Form.PortalIds, me.Actor, SelfId, ct)).Errors,
            "Admins.Changed", ct);

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) =>
        await RunAsync(id, async me => (await admins.DisableAsync(id, me.Actor, SelfId, ct)).Errors, "Admins.DisabledNow", ct);

    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) =>
        await RunAsync(id, async me => (await admins.EnableAsync(id, me.Actor, SelfId, ct)).Errors, "Admins.EnabledNow", ct);

    public async Task<IActionResult> OnPostRemoveAsync(string id, CancellationToken ct)
    {
        var email = (await admins.GetAsync(id, ct)).IsSuccess ? (await admins.GetAsync(id, ct)).Value.Email : null;
        var result = await admins.RemoveAsync(id, CurrentUser.Of(User).Actor, SelfId, ct);
        if (!result.IsSuccess)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            ModelState.AddErrors(result.Errors);
            return Page();
        }
        StatusMessage = t["Admins.Removed", email ?? ""];
        return Redirect("/administradores");
    }

    private string SelfId => users.GetUserId(User) ?? "";

    private async Task<IActionResult> RunAsync(string id, Func<CurrentUser, Task<IReadOnlyList<Core.Common.Error>>> action, string done, CancellationToken ct)
    {
        ModelState.Clear();
        var errors = await action(CurrentUser.Of(User));
        if (errors.Count > 0)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            ModelState.AddErrors(errors, nameof(Form));
            return Page();
        }
        StatusMessage = t[done];
        return Redirect($"/administradores/{Uri.EscapeDataString(id)}");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var found = await admins.GetAsync(id, ct);
        if (!found.IsSuccess) return false;
        Admin = found.Value;
        Portals = await portals.ListAsync(CurrentUser.Of(User).Scope, ct);
        return true;
    }
}
