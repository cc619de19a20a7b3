using Aulario.Core.Meetings;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.SelfService;

/// <summary>
/// /mi-cuenta/historial: the account's ended meetings over a date range (default: the last 30 days), newest first, with their
/// duration and participant count, paged forward the way Zoom pages (a "pagina" cursor; Zoom keeps it 15 minutes).
/// Times are shown in the account's Zoom time zone (Argentina when it has none).
/// </summary>
[Authorize(Policy = AuthPolicies.SelfService)]
public sealed class HistoryModel(MeetingHistory history, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "desde")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "hasta")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public string? Cursor { get; set; }

    public HistoryPage? Result { get; private set; }

    public string PageUrl(string? cursor = null) => "/mi-cuenta/historial" + QueryString.Create(RouteValues(cursor));

    public string ParticipantsUrl(string uuid)
    {
        var values = RouteValues(null);
        values["reunion"] = uuid;
        return "/mi-cuenta/historial/participantes" + QueryString.Create(values);
    }

    private Dictionary<string, string?> RouteValues(string? cursor)
    {
        var values = new Dictionary<string, string?>();
        if ((Result?.From ?? From) is { } from) values["desde"] = SelfServiceFormat.Day(from);
        if ((Result?.To ?? To) is { } to) values["hasta"] = SelfServiceFormat.Day(to);
        if (cursor is not null) values["pagina"] = cursor;
        return values;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (user.SelfAccountId is not { } accountId) return Forbid();
        // A date that does not parse is reported (the model binder's message) and the default range is shown instead.
        var from = ModelState.GetFieldValidationState("desde") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : From;
        var to = ModelState.GetFieldValidationState("hasta") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : To;
        var result = await history.ListAsync(accountId, from, to, Cursor, ct);
        if (result.IsSuccess) Result = result.Value;
        else ModelState.AddErrors(result.Errors);
        return Page();
    }
}
