using System.ComponentModel.DataAnnotations;
using Aulario.Core.Audit;
using Aulario.Persistence;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.SignIn;

public sealed class SignInInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.Password")]
    public string Password { get; set; } = "";
}

/// <summary>Admin sign-in with ASP.NET Identity: hashed passwords, lockout after 5 failures for 15 minutes; every attempt is audited.</summary>
public sealed class SignInModel(SignInManager<AppUser> signIn, AularioDbContext db, IAuditLog audit, IStringLocalizer<SharedResource> t, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<Aulario.Core.Sso.SsoOptions> sso)
    : PageModel
{
    /// <summary>The provider's name for "Ingresar con …" when SSO is on; null otherwise.</summary>
    public string? SsoDisplayName => sso.Value.Enabled ? sso.Value.DisplayName : null;

    public string SsoStartUrl => Features.Sso.SsoExtensions.StartPath
        + (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(ReturnUrl) : "");

    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [FromQuery(Name = "creado")] public bool JustCreated { get; set; }
    [FromQuery(Name = "contrasena")] public bool PasswordSet { get; set; }

    /// <summary>Where a host (an account's owner without an admin role) lands: self-service, never the admin pages.</summary>
    public const string SelfServicePath = "/mi-cuenta";

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect(CurrentUser.Of(User).IsAdmin ? SafeReturnUrl() : SelfServiceReturnUrl());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var email = Input.Email.Trim();
        var result = await signIn.PasswordSignInAsync(email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var target = $"user:{email}";
        if (result.Succeeded)
        {
            audit.Record(new Actor(email), "signin.succeeded", target);
            await db.SaveChangesAsync(ct);
            var user = await signIn.UserManager.FindByEmailAsync(email);
            if (LocalizationExtensions.Normalize(user?.Culture) is { } culture)
                LocalizationExtensions.WriteCultureCookie(Response, culture, time.GetUtcNow());
            var admin = user is not null && (await signIn.UserManager.IsInRoleAsync(user, AularioRoles.InstitutionAdmin)
                                             || await signIn.UserManager.IsInRoleAsync(user, AularioRoles.PortalAdmin));
            return LocalRedirect(admin ? SafeReturnUrl() : SelfServiceReturnUrl());
        }
        if (result.RequiresTwoFactor) // right password, two-step verification on: the code step (Features/Security) finishes it
        {
            audit.Record(new Actor(email), "signin.password-accepted", target, after: new { SecondFactor = "pending" });
            await db.SaveChangesAsync(ct);
            return RedirectToPage("/Security/SignInCode", new { ReturnUrl = SafeReturnUrl() });
        }
        audit.Record(new Actor(email), result.IsLockedOut ? "signin.locked-out" : "signin.failed", target);
        await db.SaveChangesAsync(ct);
        ModelState.AddModelError("", result.IsLockedOut ? t["SignIn.LockedOut"] : t["SignIn.Failed"]);
        return Page();
    }

    private string SelfServiceReturnUrl() =>
        SafeReturnUrl() is var url && url.StartsWith(SelfServicePath, StringComparison.OrdinalIgnoreCase) ? url : SelfServicePath;

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
