using System.Text.Json;
using Aulario.Core.Common;

namespace Aulario.Core.Jobs;

/// <summary>What one step of a job item decided. The engine persists it before running anything else.</summary>
public abstract record StepOutcome
{
    /// <summary>Go on with <paramref name="Step"/> (persisted first, so a crash resumes there).</summary>
    public sealed record Next(string Step, object? State) : StepOutcome;
    public sealed record Completed(object? State, string? Message = null) : StepOutcome;
    /// <summary>The item waits for something outside (e.g. an account's activation) and is looked at again at <paramref name="At"/>.</summary>
    public sealed record Wait(DateTimeOffset At, string Reason, object? State = null) : StepOutcome;
    public sealed record Failed(Error Error, object? State = null) : StepOutcome;
    /// <summary>The whole job stops until <paramref name="ResumeAt"/> (a daily cap); the item stays at its step.</summary>
    public sealed record PauseJob(DateTimeOffset ResumeAt, string Reason) : StepOutcome;
}

/// <summary>Runs the steps of one kind of job. Steps must be idempotent: after a crash the current step runs again.</summary>
public interface IJobHandler
{
    string Kind { get; }
    Task<StepOutcome> RunStepAsync(JobStep step, CancellationToken ct);
}

/// <summary>The item being worked on, its current step and state.</summary>
public sealed record JobStep(Job Job, JobItem Item)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => Item.Step;
    public T State<T>() where T : new() =>
        string.IsNullOrEmpty(Item.StateJson) ? new T() : JsonSerializer.Deserialize<T>(Item.StateJson, Json) ?? new T();
    public T Payload<T>() where T : new() =>
        string.IsNullOrEmpty(Job.PayloadJson) ? new T() : JsonSerializer.Deserialize<T>(Job.PayloadJson, Json) ?? new T();
}
