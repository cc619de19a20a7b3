using System.Globalization;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Jobs;

/// <summary>/trabajos/{id}: a job's progress with its visible steps per item, progress bar and time left; cancel and retry the failed items.
/// Live through wwwroot/js/job-progress.js polling ?handler=Progress; without JavaScript a refresh link does the same.</summary>
public sealed class JobPageModel(IAularioDb db, IAuditLog audit, TimeProvider time, IStringLocalizer<ClassroomsResource> l) : PageModel
{
    public JobView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var progress = await JobEngine.ProgressAsync(db, id, CurrentUser.Of(User).Scope, time, ct);
        if (!progress.IsSuccess) return NotFound();
        View = JobView.From(progress.Value);
        return Page();
    }

    /// <summary>The polling script's JSON: the same view with its texts already in the reader's language.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken ct)
    {
        var progress = await JobEngine.ProgressAsync(db, id, CurrentUser.Of(User).Scope, time, ct);
        if (!progress.IsSuccess) return NotFound();
        var v = JobView.From(progress.Value);
        return new JsonResult(new
        {
            status = v.Job.Status.ToString(),
            statusText = StatusText(v.Job.Status),
            finished = v.Finished,
            percent = v.Percent,
            summary = Summary(v),
            timeLeft = TimeLeft(v),
            items = v.Items.Select(i => new
            {
                key = i.Key,
                status = ItemStatusText(i.Status),
                message = i.Message,
                steps = i.Steps.Select(s => new { name = StepText(s.Name), state = s.State.ToString().ToLowerInvariant(), stateText = StepStateText(s.State) }),
            }),
        });
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var result = await JobEngine.CancelAsync(db, audit, id, CurrentUser.Of(User).Actor, CurrentUser.Of(User).Scope, ct);
        if (!result.IsSuccess) ModelState.AddErrors(result.Errors);
        return await OnGetAsync(id, ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        var result = await JobEngine.RetryFailedAsync(db, audit, id, CurrentUser.Of(User).Actor, CurrentUser.Of(User).Scope, ct);
        if (!result.IsSuccess) { ModelState.AddErrors(result.Errors); return await OnGetAsync(id, ct); }
        return Redirect($"/trabajos/{id}");
    }

    public string StatusText(JobStatus s) => l["JobStatus." + s];
    public string ItemStatusText(JobItemStatus s) => l["ItemStatus." + s];
    public string StepText(string step) => l["Step." + step];
    public string StepStateText(StepState s) => l["StepState." + s];
    public string KindText(string kind) => l["Kind." + kind] is { ResourceNotFound: false } found ? found.Value : kind;

    public string Summary(JobView v) => l["Job.Summary", v.Progress.Succeeded, v.Progress.Failed, v.Progress.Waiting, v.Progress.Remaining, v.Progress.Total];

    public string TimeLeft(JobView v) => v.Finished ? "" : v.Progress.EstimatedTimeLeft is { } eta
        ? l["Job.TimeLeft", eta.TotalMinutes >= 1
            ? l["Job.Minutes", Math.Ceiling(eta.TotalMinutes).ToString(CultureInfo.CurrentCulture)]
            : l["Job.Seconds", Math.Max(1, Math.Ceiling(eta.TotalSeconds)).ToString(CultureInfo.CurrentCulture)]]
        : v.Progress.Waiting > 0 ? l["Job.TimeLeftWaiting"] : l["Job.TimeLeftUnknown"];
}
