namespace Aulario.Core.Jobs;

public enum JobStatus
{
    Pending = 0,
    Running = 1,
    /// <summary>Stopped by a rate limit or daily cap; continues at <see cref="Job.ResumeAt"/>.</summary>
    WaitingForRetry = 2,
    Paused = 3,
    Succeeded = 4,
    /// <summary>Finished with at least one failed item (retryable).</summary>
    Failed = 5,
    Cancelled = 6,
}

public enum JobItemStatus
{
    Pending = 0,
    Running = 1,
    /// <summary>Waiting for something outside (an account's activation, a rate-limit reset).</summary>
    Waiting = 2,
    Succeeded = 3,
    Failed = 4,
    Cancelled = 5,
}

/// <summary>A durable unit of long work (a classroom flow, a bulk operation). Its items carry their own step and state.</summary>
public sealed class Job
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The handler that runs its items, e.g. "classroom.new".</summary>
    public required string Kind { get; set; }
    public JobStatus Status { get; set; }
    public required string CreatedBy { get; set; }
    public Guid? PortalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? PayloadJson { get; set; }
    public DateTimeOffset? ResumeAt { get; set; }
    public string? StatusMessage { get; set; }
    /// <summary>The instance working on it; other instances leave the job alone until the lease expires.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    /// <summary>Optimistic concurrency: changed on every save, so two instances cannot both claim the job.</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
    public int Total { get; set; }
    public int Done { get; set; }
    public int Failed { get; set; }
}

/// <summary>One item of a job. <see cref="Key"/> is unique within the job, so enqueuing twice cannot duplicate work.</summary>
public sealed class JobItem
{
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public required string Key { get; set; }
    public JobItemStatus Status { get; set; }
    /// <summary>The next step to run (steps are idempotent, so re-running after a crash is safe).</summary>
    public string Step { get; set; } = "start";
    public string? StateJson { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? NotBefore { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
