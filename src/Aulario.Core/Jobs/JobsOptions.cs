using System.ComponentModel.DataAnnotations;

namespace Aulario.Core.Jobs;

/// <summary>Section "Jobs".</summary>
public sealed class JobsOptions
{
    /// <summary>How often an idle worker looks for work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a claimed job stays with one instance without renewal; after that another instance may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// Take over at once, without waiting for the lease, a job whose owner ran on this machine (same machine name) and
    /// whose process is gone (a crash, a hard kill, a container restart). Turn off only when instances that share a
    /// machine name do not share a process table (e.g. containers given the same host name), as the check then looks at
    /// the wrong processes. A host that stops normally releases its lease anyway.
    /// </summary>
    public bool TakeOverFromDeadProcess { get; set; } = true;
    /// <summary>
    /// Items of one job worked on at once (the Zoom client's rate limiter does the throttling). It must cover the items
    /// sleeping in Zoom's retry back-off (seconds) on top of those using the limit: 8 reached only a third of the Business
    /// plan's Medium 60/s with 5 % injected faults; 32 reaches 0.9 of it (bench: rotation).
    /// </summary>
    [Range(1, 64)]
    public int MaxParallelItems { get; set; } = 32;
    /// <summary>How often a step is retried automatically after an upstream failure before the item fails.</summary>
    [Range(0, 20)]
    public int MaxAttempts { get; set; } = 3;
    /// <summary>How often items waiting for an activation are checked again.</summary>
    public TimeSpan ActivationPollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
