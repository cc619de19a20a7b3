using Aulario.Core.Audit;
using Aulario.Persistence;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Culture;

/// <summary>POST /cultura (the language switch in every page's header): stores the choice in the culture cookie and,
/// for a signed-in user, in their profile; audited.</summary>
public sealed class CultureModel(UserManager<AppUser> users, AularioDbContext db, IAuditLog audit, TimeProvider time, CurrentUser current) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync([FromForm] string? culture, [FromForm] string? returnUrl, CancellationToken ct)
    {
        var chosen = LocalizationExtensions.Normalize(culture);
        if (chosen is null) return BadRequest();
        LocalizationExtensions.WriteCultureCookie(Response, chosen, time.GetUtcNow());
        var name = User.Identity?.IsAuthenticated == true ? User.Identity.Name ?? "?" : "anonymous";
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.Culture != chosen)
        {
            var before = user.Culture;
            user.Culture = chosen;
            audit.Record(User.Identity?.IsAuthenticated == true ? current.Actor : new Actor(name), "user.culture-changed", $"user:{name}", new { Culture = before }, new { Culture = chosen });
            await users.UpdateAsync(user); // saves the audit entry with the change (same DbContext)
        }
        else
        {
            audit.Record(new Actor(name), "user.culture-changed", $"user:{name}", after: new { Culture = chosen });
            await db.SaveChangesAsync(ct);
        }
        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
