using Aulario.Core.Audit;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Admins;

/// <summary>/contrasena?usuario=…&amp;token=…: the mailed link to choose one's Aulario password (a new admin, or an account's owner
/// given self-service). Identity's password-reset token: valid for its lifespan, and only once (setting the password changes the
/// security stamp, which invalidates it). Anonymous: the token is the guard.</summary>
public sealed class SetPasswordModel(UserManager<AppUser> users, AularioDbContext db, IAuditLog audit, IStringLocalizer<AdminsResource> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "usuario")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true, Name = "token")] public string? Token { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirm { get; set; }

    public string? Email { get; private set; }
    public bool Invalid { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        await CheckAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var user = await CheckAsync();
        if (user is null) return Page();
        if (Password != Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), t["SetPassword.Mismatch"]);
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, Token!, Password ?? "");
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Password) : "", e.Description);
            if (result.Errors.Any(e => e.Code == "InvalidToken")) Invalid = true;
            return Page();
        }
        audit.Record(new Actor(user.UserName!), "user.password-set", $"user:{user.Email}");
        await db.SaveChangesAsync(ct);
        return Redirect("/ingresar?contrasena=true");
    }

    private async Task<AppUser?> CheckAsync()
    {
        var user = string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) ? null : await users.FindByIdAsync(UserId);
        if (user is null || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider,
                UserManager<AppUser>.ResetPasswordTokenPurpose, Token!))
        {
            Invalid = true;
            return null;
        }
        Email = user.Email;
        return user;
    }
}
