using Aulario.Core.Audit;
using Aulario.Core.Security;
using Aulario.Persistence;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Security;

/// <summary>/ajustes, "Ajustes de seguridad" (institution admins): whether administrators must use two-step verification.
/// Stored in the database (every instance reads it), audited with before and after.</summary>
public sealed class SecuritySettingsModel(SecuritySettingsCommands settings, UserManager<AppUser> users, IStringLocalizer<SecurityResource> t) : PageModel
{
    [BindProperty] public bool RequireTwoFactorForAdmins { get; set; }

    public SecuritySettings Current { get; private set; } = new();
    /// <summary>Administrators (institution and portal) who have not enrolled yet: they will be asked to on their next page.</summary>
    public IReadOnlyList<string> AdminsWithoutTwoFactor { get; private set; } = [];

    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await settings.SetRequireTwoFactorForAdminsAsync(RequireTwoFactorForAdmins, CurrentUser.Of(User).Actor, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddErrors(result.Errors);
            await LoadAsync(ct);
            return Page();
        }
        StatusMessage = t[result.Value.RequireTwoFactorForAdmins ? "Settings.SavedOn" : "Settings.SavedOff"];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await settings.GetAsync(ct);
        RequireTwoFactorForAdmins = Current.RequireTwoFactorForAdmins;
        var admins = (await users.GetUsersInRoleAsync(AularioRoles.InstitutionAdmin))
            .Concat(await users.GetUsersInRoleAsync(AularioRoles.PortalAdmin))
            .DistinctBy(u => u.Id);
        AdminsWithoutTwoFactor = admins.Where(u => !u.TwoFactorEnabled).Select(u => u.Email ?? u.UserName ?? u.Id).Order(StringComparer.Ordinal).ToList();
    }
}
