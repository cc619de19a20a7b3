using System.Collections.Concurrent;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace Aulario.Jobs.Tests.Infrastructure;

/// <summary>
/// What the "test.count" handler did, shared by every app instance of a test: how often each (item, step) ran, and the
/// side effects that were applied (a step's effect is recorded only when the step returns, like a committed write).
/// </summary>
public sealed class StepLedger
{
    public ConcurrentDictionary<(string Key, string Step), int> Executions { get; } = new();
    public ConcurrentDictionary<(string Key, string Step), int> Effects { get; } = new();
    /// <summary>Invoked at the start of every step (before its effect); a test can throw or cancel there to simulate a crash.</summary>
    public Action<JobStep>? BeforeStep { get; set; }
    /// <summary>When set, every completed item advances this clock by one minute (so progress has elapsed time).</summary>
    public FakeTimeProvider? AdvanceClockPerItem { get; set; }

    public int Ran(string key, string step) => Executions.TryGetValue((key, step), out var n) ? n : 0;
    public int Applied(string key, string step) => Effects.TryGetValue((key, step), out var n) ? n : 0;
}

/// <summary>
/// Kind "test.count": steps start → apply → finish. Keys starting with "fail:" fail with a validation error the first time
/// their "start" runs (not retried automatically); keys starting with "wait:" wait an hour at "apply".
/// </summary>
public sealed class CountingJobHandler(StepLedger ledger, TimeProvider time) : IJobHandler
{
    public const string KindName = "test.count";
    public static readonly string[] Steps = ["start", "apply", "finish"];

    public string Kind => KindName;

    public async Task<StepOutcome> RunStepAsync(JobStep step, CancellationToken ct)
    {
        var key = step.Item.Key;
        var runs = ledger.Executions.AddOrUpdate((key, step.Name), 1, (_, n) => n + 1);
        ledger.BeforeStep?.Invoke(step);
        await Task.Yield(); // let other items (and the other instance) interleave
        ct.ThrowIfCancellationRequested();
        if (step.Name == "start" && key.StartsWith("fail:", StringComparison.Ordinal) && runs == 1)
            return new StepOutcome.Failed(Error.Validation("test.rejected", "Rechazado en el primer intento."));
        if (step.Name == "apply" && key.StartsWith("wait:", StringComparison.Ordinal))
            return new StepOutcome.Wait(time.GetUtcNow().AddHours(1), "Esperando una hora.");
        ledger.Effects.AddOrUpdate((key, step.Name), 1, (_, n) => n + 1);
        switch (step.Name)
        {
            case "start": return new StepOutcome.Next("apply", null);
            case "apply": return new StepOutcome.Next("finish", null);
            default:
                ledger.AdvanceClockPerItem?.Advance(TimeSpan.FromMinutes(1));
                return new StepOutcome.Completed(null);
        }
    }
}
