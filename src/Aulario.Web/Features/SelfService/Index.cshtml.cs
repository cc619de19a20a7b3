using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Persistence;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.SelfService;

/// <summary>/mi-cuenta (Mi perfil): the account's email (read-only), names, time zone, Aulario language, license and status and
/// personal meeting link. Names and time zone go to Zoom through the account edit use case; the language is the owner's
/// Aulario preference. Audited with <see cref="CurrentUser.Actor"/> ("admin X as Y" while impersonating).</summary>
public sealed class SelfServiceIndexModel(
    AccountQueries queries, AccountCommands commands, CurrentUser current, UserManager<AppUser> users, AularioDbContext db, IAuditLog audit,
    IStringLocalizer<SelfServiceResource> t) : PageModel
{
    [BindProperty] public ProfileForm Form { get; set; } = new();
    public Account Account { get; private set; } = null!;
    /// <summary>The person who signs in to Aulario with this account, if any (whose language the page shows).</summary>
    public AppUser? Owner { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Form = ProfileForm.From(Account, Owner);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var errors = new List<Error>();
        string? culture = null;
        if (Owner is not null && !string.IsNullOrEmpty(Form.Language))
        {
            culture = LocalizationExtensions.Normalize(Form.Language);
            if (culture is null) errors.Add(Error.Validation("profile.language-invalid", "El idioma debe ser Español o English.", "language"));
        }
        if (errors.Count == 0)
        {
            var edited = await commands.EditAsync(Account.Id, new EditAccountRequest(Form.FirstName ?? "", Form.LastName ?? "", Account.LicenseType,
                Form.Timezone, Account.Department, Account.IsClassroom), current.Actor, AdminScope.Institution, ct);
            if (!edited.IsSuccess) errors.AddRange(edited.Errors);
        }
        if (errors.Count == 0 && Owner is not null && culture is not null && Owner.Culture != culture)
        {
            var before = Owner.Culture;
            Owner.Culture = culture;
            audit.Record(current.Actor, "user.culture-changed", $"user:{Owner.UserName}", new { Culture = before }, new { Culture = culture });
            await users.UpdateAsync(Owner); // saves the audit entry with the change (same DbContext)
        }
        ModelState.Clear();
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, nameof(Form));
            await LoadAsync(ct);
            return Page();
        }
        Done = t["Profile.Saved"];
        await LoadAsync(ct);
        Form = ProfileForm.From(Account, Owner);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (current.SelfAccountId is not { } id) return false;
        // The account comes from the signed-in principal (own account, or the one an admin started acting as within their scope).
        var found = await queries.GetAsync(id, AdminScope.Institution, ct);
        if (!found.IsSuccess) return false;
        Account = found.Value;
        Owner = await db.Users.FirstOrDefaultAsync(u => u.AccountId == id, ct);
        return true;
    }

    public sealed class ProfileForm
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Timezone { get; set; }
        public string? Language { get; set; }

        public static ProfileForm From(Account a, AppUser? owner) => new()
        {
            FirstName = a.FirstName, LastName = a.LastName, Timezone = a.Timezone, Language = owner?.Culture ?? "es-AR",
        };
    }
}
