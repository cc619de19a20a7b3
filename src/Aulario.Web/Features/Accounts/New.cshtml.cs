using System.Globalization;
using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Core.Portals;
using Aulario.Web.Features.Portals;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Accounts;

/// <summary>/cuentas/nueva: "Añadir usuarios" three ways: create directly, invite to sign up, or paste a list.</summary>
public sealed class AccountsNewModel(CreateAccount create, Invitations invitations, CreateMany createMany, PortalCommands portals) : PageModel
{
    [BindProperty] public CreateForm Create { get; set; } = new();
    [BindProperty] public InviteForm Invite { get; set; } = new();
    [BindProperty] public PasteForm Paste { get; set; } = new();

    /// <summary>Which of the three forms the last post used (to place the result and the errors beside it).</summary>
    public string? Posted { get; private set; }
    public CreatedAccount? Created { get; private set; }
    public Invitation? Invited { get; private set; }
    public IReadOnlyList<RowResult>? Rows { get; private set; }
    public bool RowsInvalid => Rows?.Any(r => r.Outcome == RowOutcome.Invalid) == true;

    /// <summary>The portal each form creates in (portal admins: theirs; institution admins may leave it empty).</summary>
    public IReadOnlyList<Portal> Portals { get; private set; } = [];
    public bool AllowNoPortal => CurrentUser.Of(User).Scope.AllPortals;
    public PortalChoice ChoiceFor(string form, Guid? selected) =>
        new($"{form}.PortalId", $"{form.ToLowerInvariant()}-portal", selected, Portals, AllowNoPortal);

    public void OnGet() { }

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        await LoadPortalsAsync(HttpContext.RequestAborted);
        await next();
    }

    private async Task LoadPortalsAsync(CancellationToken ct) => Portals = await portals.ListAsync(CurrentUser.Of(User).Scope, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        Posted = "create";
        ModelState.Clear();
        var license = LicenseInput.Parse(Create.License);
        if (!license.IsSuccess) { ModelState.AddErrors(license.Errors, nameof(Create)); return Page(); }
        var result = await create.HandleAsync(new CreateAccountRequest(Create.Email ?? "", Create.FirstName ?? "", Create.LastName ?? "",
            license.Value, Create.IsClassroom, Create.PortalId), AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, ct);
        if (!result.IsSuccess) { ModelState.AddErrors(result.Errors, nameof(Create)); return Page(); }
        Created = result.Value;
        Create = new CreateForm();
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        Posted = "invite";
        ModelState.Clear();
        var license = LicenseInput.Parse(Invite.License);
        if (!license.IsSuccess) { ModelState.AddErrors(license.Errors, nameof(Invite)); return Page(); }
        var result = await invitations.InviteAsync(new InviteRequest(Invite.Email ?? "", Invite.FirstName, Invite.LastName, license.Value, Invite.PortalId),
            AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, AccountEndpoints.SignUpUrl(Request), CultureInfo.CurrentUICulture.Name, ct);
        if (!result.IsSuccess) { ModelState.AddErrors(result.Errors, nameof(Invite)); return Page(); }
        Invited = result.Value;
        Invite = new InviteForm();
        return Page();
    }

    public async Task<IActionResult> OnPostPasteAsync(CancellationToken ct)
    {
        Posted = "paste";
        ModelState.Clear();
        var license = LicenseInput.Parse(Paste.License);
        if (!license.IsSuccess) { ModelState.AddErrors(license.Errors, nameof(Paste)); return Page(); }
        var result = await createMany.HandleAsync(Paste.Text ?? "", license.Value, Paste.IsClassroom, Paste.PortalId, AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, ct);
        if (!result.IsSuccess)
        {
            // Too many lines or an empty paste: the message says what to do; keep only the first 2,000 characters in the box.
            ModelState.AddErrors(result.Errors, nameof(Paste));
            if (Paste.Text is { Length: > 2000 }) Paste.Text = Paste.Text[..2000];
            return Page();
        }
        Rows = result.Value;
        if (!RowsInvalid) Paste = new PasteForm();
        return Page();
    }

    public sealed class CreateForm
    {
        public string? Email { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string License { get; set; } = "licensed";
        public bool IsClassroom { get; set; }
        public Guid? PortalId { get; set; }
    }

    public sealed class InviteForm
    {
        public string? Email { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string License { get; set; } = "licensed";
        public Guid? PortalId { get; set; }
    }

    public sealed class PasteForm
    {
        public string? Text { get; set; }
        public string License { get; set; } = "licensed";
        public bool IsClassroom { get; set; }
        public Guid? PortalId { get; set; }
    }
}
