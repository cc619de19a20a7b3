using System.ComponentModel.DataAnnotations;
using Aulario.Persistence;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Web.Features.Setup;

public sealed class SetupInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(128, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.DisplayName")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(256, MinimumLength = 12, ErrorMessage = "Validation.PasswordLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.Password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Compare(nameof(Password), ErrorMessage = "Validation.PasswordMismatch")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>
/// /setup?token=…: creates the first admin with the one-time token logged at start. Without the gate open (a user exists,
/// or the token was used) the page does not exist (404); a missing or wrong token is refused (403).
/// </summary>
public sealed class SetupModel(SetupGate gate, CreateFirstAdmin createFirstAdmin, UserManager<AppUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await GateClosedAsync(ct)) return NotFound();
        return gate.Matches(Token) ? Page() : StatusCode(StatusCodes.Status403Forbidden);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await GateClosedAsync(ct)) return NotFound();
        if (!gate.Matches(Token)) return StatusCode(StatusCodes.Status403Forbidden);
        if (!ModelState.IsValid) return Page();
        if (!gate.TryConsume(Token)) return NotFound();
        var result = await createFirstAdmin.ExecuteAsync(new FirstAdminInput(Input.Email, Input.DisplayName, Input.Password), ct);
        if (!result.IsSuccess)
        {
            gate.Restore(Token!);
            ModelState.AddErrors(result.Errors, nameof(Input));
            return Page();
        }
        return Redirect(AuthExtensions.SignInPath + "?creado=true");
    }

    private async Task<bool> GateClosedAsync(CancellationToken ct)
    {
        if (!gate.IsOpen) return true;
        if (!await users.Users.AnyAsync(ct)) return false;
        gate.Close(); // someone created a user another way (e.g. `aulario admin create`)
        return true;
    }
}
