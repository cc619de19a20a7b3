using System.ComponentModel.DataAnnotations;
using Aulario.Core.ApiTokens;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Scim;

/// <summary>/tokens/scim (institution admins): the SCIM base URL for the identity provider, and SCIM tokens — created (shown once,
/// in this response only, stored hashed), listed and revoked, each audited. A SCIM token opens only /scim/v2.</summary>
public sealed class ScimTokensModel(ApiTokenCommands tokens, IStringLocalizer<ScimResource> t) : PageModel
{
    [BindProperty, StringLength(ApiTokenCommands.MaxNameLength)] public string? Name { get; set; }

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public string? CreatedSecret { get; private set; }
    public string? CreatedName { get; private set; }

    [TempData] public string? StatusMessage { get; set; }

    public string BaseUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}/scim/v2";

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(ApiTokenScopes.Scim, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await tokens.CreateAsync(Name, CurrentActor, ApiTokenScopes.Scim, ct);
            if (result.IsSuccess)
            {
                CreatedSecret = result.Value.Secret;
                CreatedName = result.Value.Token.Name;
                Name = null;
                ModelState.Clear();
                Response.Headers.CacheControl = "no-store";
            }
            else
            {
                ModelState.AddErrors(result.Errors.Select(e => e.Field == "name" ? e with { Field = nameof(Name) } : e).ToList());
            }
        }
        Tokens = await tokens.ListAsync(ApiTokenScopes.Scim, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var result = await tokens.RevokeAsync(id, CurrentActor, ApiTokenScopes.Scim, ct: ct);
        if (!result.IsSuccess)
        {
            ModelState.AddErrors(result.Errors);
            Tokens = await tokens.ListAsync(ApiTokenScopes.Scim, ct);
            return Page();
        }
        StatusMessage = t["ScimTokens.Revoked"];
        return RedirectToPage();
    }

    private Actor CurrentActor => new(User.Identity?.Name ?? "desconocido");
}
