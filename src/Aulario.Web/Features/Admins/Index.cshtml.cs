using System.Globalization;
using Aulario.Core.Portals;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Admins;

/// <summary>/administradores: the admins with their role and portals, and the form to add one (they get a set-password link by mail).</summary>
public sealed class AdminsIndexModel(AdminManagement admins, PortalCommands portals) : PageModel
{
    [BindProperty] public AdminForm Form { get; set; } = new();

    public IReadOnlyList<AdminRow> Admins { get; private set; } = [];
    public IReadOnlyList<Portal> Portals { get; private set; } = [];
    public string? Added { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var me = CurrentUser.Of(User);
        var result = await admins.AddAsync(Form.ToInput(), me.Actor, SetPasswordUrl(Request), CultureInfo.CurrentUICulture.Name, ct);
        if (result.IsSuccess) { Added = result.Value.Email; Form = new AdminForm(); }
        else ModelState.AddErrors(result.Errors, nameof(Form));
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Admins = await admins.ListAsync(ct);
        Portals = await portals.ListAsync(CurrentUser.Of(User).Scope, ct);
    }

    /// <summary>The absolute link of the set-password page for a user id and token.</summary>
    internal static Func<string, string, string> SetPasswordUrl(HttpRequest request) =>
        (userId, token) => $"{request.Scheme}://{request.Host}{request.PathBase}/contrasena?usuario={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";
}

public sealed class AdminForm
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>"institucion" or "portal".</summary>
    public string? Role { get; set; } = "portal";
    public List<Guid> PortalIds { get; set; } = [];

    public static AdminRole ParseRole(string? role) => role == "institucion" ? AdminRole.Institution : role == "portal" ? AdminRole.Portal : (AdminRole)(-1);
    public AdminInput ToInput() => new(Email, DisplayName, ParseRole(Role), PortalIds);
}
