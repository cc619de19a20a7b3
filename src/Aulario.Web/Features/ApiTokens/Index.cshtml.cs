using System.ComponentModel.DataAnnotations;
using Aulario.Core.ApiTokens;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.ApiTokens;

/// <summary>/tokens: create (the token is shown once, in this response only), list and revoke API tokens.</summary>
public sealed class ApiTokensIndexModel(ApiTokenCommands tokens, IStringLocalizer<ApiTokensResource> t) : PageModel
{
    [BindProperty, StringLength(ApiTokenCommands.MaxNameLength)] public string? Name { get; set; }

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The new token's secret: set only in the response to the POST that created it.</summary>
    public string? CreatedSecret { get; private set; }
    public string? CreatedName { get; private set; }

    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await tokens.CreateAsync(Name, CurrentActor, ct);
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
        Tokens = await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var result = await tokens.RevokeAsync(id, CurrentActor, CurrentUser.Of(User).IsInstitutionAdmin, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddErrors(result.Errors);
            Tokens = await ListAsync(ct);
            return Page();
        }
        StatusMessage = t["Tokens.Revoked"];
        return RedirectToPage();
    }

    public static string Local(DateTimeOffset at) =>
        at.ToOffset(Audit.AuditFilterInput.ArgentinaOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Institution admins see every token (to revoke a leaked one); portal admins see their own.</summary>
    private Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken ct) =>
        CurrentUser.Of(User).IsInstitutionAdmin ? tokens.ListAsync(ct) : tokens.ListOwnAsync(CurrentActor.Name, ct);

    private Actor CurrentActor => CurrentUser.Of(User).Actor;
}
