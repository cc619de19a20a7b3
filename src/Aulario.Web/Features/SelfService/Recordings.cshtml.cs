using System.Globalization;
using Aulario.Core.Conferencing;
using Aulario.Core.Meetings;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.SelfService;

/// <summary>
/// /mi-cuenta/grabaciones?mes=AAAA-MM: the account's cloud recordings of one month (default: the current one) with their files
/// and sizes. "Reproducir" shows an HTML5 player and "Descargar" downloads, both from Aulario's own URL
/// (<see cref="RecordingStreamEndpoints"/>): the Zoom token never reaches the browser. Works without JavaScript.
/// </summary>
[Authorize(Policy = AuthPolicies.SelfService)]
public sealed class RecordingsModel(AccountRecordings recordings, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "mes")] public string? Month { get; set; }
    /// <summary>The file whose player is shown.</summary>
    [BindProperty(SupportsGet = true, Name = "reproducir")] public string? Play { get; set; }

    public RecordingsMonth? Result { get; private set; }
    public (int Year, int Month)? Shown { get; private set; }

    public string MonthUrl(int year, int month) => "/mi-cuenta/grabaciones?mes=" + RecordingsMonth.KeyOf(year, month);

    public string PlayUrl(ProviderRecordingFile file) => MonthUrl(Result!.Year, Result.Month) + "&reproducir=" + Uri.EscapeDataString(file.Id) + "#player-" + file.Id;

    public string StreamUrl(ProviderRecordingFile file, bool download = false) =>
        RecordingStreamEndpoints.Url(file.Id, Result!.Year, Result.Month, download);

    public string MonthName(int year, int month) => CultureInfo.CurrentCulture.TextInfo.ToTitleCase(
        new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMMM yyyy", CultureInfo.CurrentCulture));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (user.SelfAccountId is not { } accountId) return Forbid();
        int? year = null, month = null;
        if (!string.IsNullOrWhiteSpace(Month))
        {
            if (RecordingStreamEndpoints.ParseMonth(Month) is { } parsed) (year, month) = parsed;
            else
            {
                ModelState.AddErrors([Aulario.Core.Common.Error.Validation("recordings.month-invalid",
                    HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<HistoryResource>>()["Recordings.MonthInvalid"], "mes")]);
            }
        }
        var result = await recordings.ListAsync(accountId, year, month, ct);
        if (result.IsSuccess)
        {
            Result = result.Value;
            Shown = (Result.Year, Result.Month);
        }
        else ModelState.AddErrors(result.Errors);
        return Page();
    }
}
