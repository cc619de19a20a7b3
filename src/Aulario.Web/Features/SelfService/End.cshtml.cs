using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.SelfService;

/// <summary>POST /mi-cuenta/terminar (the banner's "Terminar"): ends "Iniciar sesión como" and returns to the account's admin page.</summary>
public sealed class SelfServiceEndModel(Impersonation impersonation) : PageModel
{
    public IActionResult OnGet() => Redirect("/mi-cuenta");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var ended = await impersonation.EndAsync(HttpContext, ct);
        if (!ended.IsSuccess) return ended.Errors[0].Code == "impersonation.not-active" ? Redirect("/") : Redirect("/ingresar");
        return Redirect($"/cuentas/{ended.Value:D}");
    }
}
