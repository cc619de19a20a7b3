using Aulario.Core.Audit;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.SignIn;

/// <summary>POST /salir (antiforgery-protected form in the header). GET does nothing but send to the sign-in page.</summary>
public sealed class SignOutModel(SignInManager<AppUser> signIn, AularioDbContext db, IAuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect(Infrastructure.AuthExtensions.SignInPath);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var name = User.Identity.Name ?? "?";
            await signIn.SignOutAsync();
            audit.Record(new Actor(name), "signout", $"user:{name}");
            await db.SaveChangesAsync(ct);
        }
        return Redirect(Infrastructure.AuthExtensions.SignInPath);
    }
}
