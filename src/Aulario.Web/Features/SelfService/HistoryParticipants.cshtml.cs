using Aulario.Core.Meetings;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.SelfService;

/// <summary>/mi-cuenta/historial/participantes?reunion={uuid}: who joined one of the account's meetings (each join as Zoom reports it), paged.</summary>
[Authorize(Policy = AuthPolicies.SelfService)]
public sealed class HistoryParticipantsModel(MeetingHistory history, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "reunion")] public string? Meeting { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public string? Cursor { get; set; }
    [BindProperty(SupportsGet = true, Name = "desde")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "hasta")] public string? To { get; set; }

    public ParticipantsPage? Result { get; private set; }

    public string BackUrl => "/mi-cuenta/historial" + QueryString.Create(new Dictionary<string, string?> { ["desde"] = From, ["hasta"] = To }
        .Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary());

    public string PageUrl(string? cursor = null) => "/mi-cuenta/historial/participantes" + QueryString.Create(new Dictionary<string, string?>
        { ["reunion"] = Meeting, ["desde"] = From, ["hasta"] = To, ["pagina"] = cursor }.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary());

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (user.SelfAccountId is not { } accountId) return Forbid();
        var result = await history.ParticipantsAsync(accountId, Meeting, Cursor, ct);
        if (result.IsSuccess) Result = result.Value;
        else
        {
            ModelState.AddErrors(result.Errors);
            Response.StatusCode = ErrorMapping.StatusCode(result.Errors[0].Kind);
        }
        return Page();
    }
}
