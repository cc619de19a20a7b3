using System.Text.Json;
using Aulario.Core.Classrooms;
using Aulario.Core.Jobs;

namespace Aulario.Web.Features.Jobs;

public enum StepState { Done, Current, Failed, Waiting, Pending, Skipped }

public sealed record StepView(string Name, StepState State);

public sealed record JobItemView(string Key, JobItemStatus Status, string Step, string? Message, int Attempts, IReadOnlyList<StepView> Steps);

/// <summary>A job's progress shaped for people (page, polling script) and the API: per-item visible steps, percentage, time left.</summary>
public sealed record JobView(JobProgress Progress, IReadOnlyList<JobItemView> Items)
{
    public Job Job => Progress.Job;
    public bool Finished => Job.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;
    public bool CanCancel => !Finished;
    public bool CanRetry => Items.Any(i => i.Status is JobItemStatus.Failed or JobItemStatus.Cancelled);
    public int Percent => Progress.Total == 0 ? 100 : (Progress.Succeeded + Progress.Failed) * 100 / Progress.Total;

    public static JobView From(JobProgress p) => new(p, p.Items.Select(i => Item(p.Job.Kind, i)).ToList());

    /// <summary>The steps a kind of job goes through, in order (empty for kinds without named steps).</summary>
    public static IReadOnlyList<string> StepsOf(string kind) => kind switch
    {
        ClassroomJobHandler.AssignKind or Aulario.Core.Import.ClassroomImport.Kind => ClassroomSteps.All,
        ClassroomJobHandler.PasscodeKind => [ClassroomSteps.Passcode, ClassroomSteps.PushPasscode, ClassroomSteps.Link, ClassroomSteps.Siu],
        _ => [],
    };

    private static JobItemView Item(string kind, JobItem item)
    {
        var all = StepsOf(kind);
        var current = item.Step == "start" ? all.FirstOrDefault() ?? "start" : item.Step;
        var index = all.ToList().IndexOf(current);
        var finalizeWanted = kind is not (ClassroomJobHandler.AssignKind or Aulario.Core.Import.ClassroomImport.Kind) || WantsFinalize(item.StateJson);
        var steps = all.Select((name, i) =>
        {
            if (name == ClassroomSteps.FinalizeOld && !finalizeWanted) return new StepView(name, StepState.Skipped);
            if (item.Status == JobItemStatus.Succeeded) return new StepView(name, i <= index || index < 0 ? StepState.Done : StepState.Skipped);
            if (i < index) return new StepView(name, StepState.Done);
            if (i > index) return new StepView(name, StepState.Pending);
            return new StepView(name, item.Status switch
            {
                JobItemStatus.Failed or JobItemStatus.Cancelled => StepState.Failed,
                JobItemStatus.Waiting => StepState.Waiting,
                _ => StepState.Current,
            });
        }).ToList();
        return new JobItemView(item.Key, item.Status, item.Step, item.LastError, item.Attempts, steps);
    }

    private static bool WantsFinalize(string? stateJson)
    {
        if (string.IsNullOrEmpty(stateJson)) return false;
        using var doc = JsonDocument.Parse(stateJson);
        return doc.RootElement.TryGetProperty("finalizeOldAccount", out var f) && f.ValueKind == JsonValueKind.True
               && doc.RootElement.TryGetProperty("oldAccountId", out var old) && old.ValueKind == JsonValueKind.String;
    }
}
