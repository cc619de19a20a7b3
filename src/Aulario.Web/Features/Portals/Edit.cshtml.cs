using Aulario.Core.Common;
using Aulario.Core.Portals;
using Aulario.Core.Siu;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Portals;

/// <summary>/portales/nuevo and /portales/{id}: the portal form (the SIU connection string is never shown back) and "Probar conexión".</summary>
public sealed class PortalsEditModel(PortalCommands portals) : PageModel
{
    [BindProperty] public PortalForm Form { get; set; } = new();
    public Guid? Id { get; private set; }
    public bool ConnectionConfigured { get; private set; }
    public SiuConnectionReport? Report { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, bool saved, CancellationToken ct)
    {
        Saved = saved;
        if (id is null) return Page();
        var found = await portals.GetAsync(id.Value, CurrentUser.Of(User).Scope, ct);
        if (!found.IsSuccess) return NotFound();
        Load(found.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Id = id;
        // Another portal's (out of scope) page does not exist for this admin, whatever the form says.
        if (id is { } existing && !(await portals.GetAsync(existing, CurrentUser.Of(User).Scope, ct)).IsSuccess) return NotFound();
        var provider = ProviderInput.Parse(Form.SiuProvider);
        if (!provider.IsSuccess) { ModelState.AddErrors(provider.Errors, nameof(Form)); return await ReloadAsync(ct); }
        var input = new PortalInput(Form.Code ?? "", Form.Name ?? "", Form.SiuConnectionString, provider.Value, Form.SiuSchema ?? "", Form.SiuTable ?? "",
            Form.SiuKeyColumn ?? "", Form.SiuLinkColumn ?? "", Form.SiuNameColumn ?? "", Form.SiuCodeColumn ?? "", Form.SiuAuditUser ?? "");
        var saved = await portals.SaveAsync(id, input, CurrentUser.Of(User).Actor, CurrentUser.Of(User).Scope, ct);
        if (!saved.IsSuccess) { ModelState.AddErrors(saved.Errors, nameof(Form)); return await ReloadAsync(ct); }
        return Redirect($"/portales/{saved.Value.Id}?saved=true");
    }

    public async Task<IActionResult> OnPostTestAsync(Guid id, CancellationToken ct)
    {
        var found = await portals.GetAsync(id, CurrentUser.Of(User).Scope, ct);
        if (!found.IsSuccess) return NotFound();
        Load(found.Value);
        var report = await portals.TestConnectionAsync(id, CurrentUser.Of(User).Scope, ct);
        if (report.IsSuccess) Report = report.Value;
        else ModelState.AddErrors(report.Errors, nameof(Form));
        return Page();
    }

    private async Task<IActionResult> ReloadAsync(CancellationToken ct)
    {
        Form.SiuConnectionString = null; // never echoed back
        if (Id is { } id && await portals.GetAsync(id, CurrentUser.Of(User).Scope, ct) is { IsSuccess: true } p) ConnectionConfigured = p.Value.SiuConnectionProtected is not null;
        return Page();
    }

    private void Load(Portal p)
    {
        Id = p.Id;
        ConnectionConfigured = p.SiuConnectionProtected is not null;
        Form = new PortalForm
        {
            Code = p.Code, Name = p.Name, SiuProvider = ProviderInput.Name(p.SiuProvider), SiuSchema = p.SiuSchema, SiuTable = p.SiuTable,
            SiuKeyColumn = p.SiuKeyColumn, SiuLinkColumn = p.SiuLinkColumn, SiuNameColumn = p.SiuNameColumn, SiuCodeColumn = p.SiuCodeColumn,
            SiuAuditUser = p.SiuAuditUser,
        };
    }

    public sealed class PortalForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? SiuConnectionString { get; set; }
        public string SiuProvider { get; set; } = "postgresql";
        public string? SiuSchema { get; set; } = "negocio";
        public string? SiuTable { get; set; } = "sga_espacios";
        public string? SiuKeyColumn { get; set; } = "espacio";
        public string? SiuLinkColumn { get; set; } = "link_clase_virtual";
        public string? SiuNameColumn { get; set; } = "nombre";
        public string? SiuCodeColumn { get; set; } = "codigo";
        public string? SiuAuditUser { get; set; } = "aulario";
    }
}
