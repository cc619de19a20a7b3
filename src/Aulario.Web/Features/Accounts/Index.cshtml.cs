using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Accounts;

/// <summary>/cuentas: the accounts with filter tabs and counts, search, sortable columns, server-side paging, CSV export
/// and activation emails for the selected pending accounts.</summary>
public sealed class AccountsIndexModel(AccountQueries queries, AccountCommands commands, IStringLocalizer<AccountsResource> t) : PageModel
{
    public AccountListInput Input { get; private set; } = new();
    public AccountListResult? Result { get; private set; }
    public List<ActivationEmailResult> Sent { get; } = [];
    public Dictionary<Guid, string> SentEmails { get; } = [];

    public string ExportUrl => "/api/v1/accounts/export.csv" + Input.ToQueryString();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostActivationAsync([FromForm(Name = "seleccion")] List<Guid>? ids, CancellationToken ct)
    {
        var selected = ids?.Distinct().ToList() ?? [];
        if (selected.Count == 0)
            ModelState.AddErrors([Error.Validation("activation.none", t["List.NoneSelected"])]);
        else if (selected.Count > AccountEndpoints.MaxActivationIds)
            ModelState.AddErrors([Error.Validation("activation.too-many", t["List.TooManySelected", AccountEndpoints.MaxActivationIds])]);
        else
            Sent.AddRange(await AccountEndpoints.SendActivationAsync(selected, AccountEndpoints.ActorOf(User), CurrentUser.Of(User).Scope, commands, ct));
        await LoadAsync(ct);
        foreach (var id in Sent.Select(s => s.Id))
            if (await queries.GetAsync(id, CurrentUser.Of(User).Scope, ct) is { IsSuccess: true } a) SentEmails[id] = a.Value.Email;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Input = AccountListInput.FromQuery(Request.Query, out var errors);
        if (errors.Count > 0) ModelState.AddErrors(errors);
        Result = await queries.ListAsync(Input.ToQuery(), CurrentUser.Of(User).Scope, ct);
    }

    public string ActivationUrl => QueryHelpers.AddQueryString("/cuentas" + Input.ToQueryString(), "handler", "Activation");

    public string ClearSearchUrl => "/cuentas" + new AccountListInput { Estado = Input.Estado, Orden = Input.Orden, Desc = Input.Desc, Tam = Input.Tam }.ToQueryString();

    public string SortUrl(AccountSort sort) =>
        "/cuentas" + Input.ToQueryString(sort: sort, desc: Input.Sort == sort && !Input.Desc, page: 1);

    public string? AriaSort(AccountSort sort) => Input.Sort != sort ? null : Input.Desc ? "descending" : "ascending";
}
