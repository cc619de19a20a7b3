using System.Globalization;
using System.Text;
using System.Text.Json;
using Aulario.Core.Audit;
using Aulario.Core.Reconcile;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Reconcile;

/// <summary>/conciliacion: the health dashboard — last run's counts and drift, license use over time, run now, safe fixes.</summary>
[Authorize(Policy = AuthPolicies.InstitutionAdmin)]
public sealed class ReconcileIndexModel(Reconciler reconciler) : PageModel
{
    public IReadOnlyList<ReconcileRun> Runs { get; private set; } = [];
    public ReconcileSummary? Summary { get; private set; }
    public IReadOnlyList<DriftItem> Items { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        var result = await reconciler.RunAsync(CurrentUser.Of(User).Actor, ct);
        if (!result.IsSuccess) { ModelState.AddErrors(result.Errors); await LoadAsync(ct); return Page(); }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostFixAsync(DriftKind kind, Guid? accountId, string? zoomUserId, CancellationToken ct)
    {
        var result = await reconciler.FixAsync(kind, accountId, zoomUserId, CurrentUser.Of(User).Actor, ct);
        if (!result.IsSuccess) { ModelState.AddErrors(result.Errors); await LoadAsync(ct); return Page(); }
        Message = result.Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Runs = await reconciler.HistoryAsync(60, ct);
        if (Runs.Count == 0) return;
        using var doc = JsonDocument.Parse(Runs[0].ReportJson);
        Summary = doc.RootElement.GetProperty("summary").Deserialize<ReconcileSummary>(Reconciler.Json);
        Items = doc.RootElement.GetProperty("items").Deserialize<List<DriftItem>>(Reconciler.Json) ?? [];
    }

    /// <summary>License use over time as an SVG polyline (server-rendered, no script).</summary>
    public string LicenseChartPoints(int width, int height)
    {
        var runs = Runs.Reverse().ToList();
        if (runs.Count == 0) return "";
        var max = Math.Max(1, runs.Max(r => Math.Max(r.LicensedInUse, r.LicensePool ?? 0)));
        var sb = new StringBuilder();
        for (var i = 0; i < runs.Count; i++)
        {
            var x = runs.Count == 1 ? width / 2.0 : i * (double)width / (runs.Count - 1);
            var y = height - runs[i].LicensedInUse * (double)height / max;
            sb.Append(x.ToString("F1", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("F1", CultureInfo.InvariantCulture)).Append(' ');
        }
        return sb.ToString().TrimEnd();
    }

    public int ChartMax => Math.Max(1, Runs.Count == 0 ? 1 : Runs.Max(r => Math.Max(r.LicensedInUse, r.LicensePool ?? 0)));
}
