using System.Text.Json;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aulario.Core.Jobs;

public sealed record JobProgress(
    Job Job, int Total, int Succeeded, int Failed, int Waiting, int Remaining, TimeSpan? EstimatedTimeLeft, IReadOnlyList<JobItem> Items);

/// <summary>
/// The one engine for long work. Jobs and their items live in the database; an instance claims a job with a lease
/// (optimistic concurrency on <see cref="Job.ConcurrencyToken"/>, so two instances never run the same job), runs its
/// items' steps in parallel and persists each step before the next one, so a crash resumes where it stopped.
/// </summary>
public sealed class JobEngine(IServiceScopeFactory scopes, IOptions<JobsOptions> options, TimeProvider time, ILogger<JobEngine> log)
{
    /// <summary>Adds a job and its items to the unit of work of <paramref name="db"/>; the caller saves (so the job is created atomically with its cause).</summary>
    public static Job Add(IAularioDb db, IAuditLog audit, TimeProvider time, string kind, Actor actor, Guid? portalId, object? payload,
        IEnumerable<(string Key, object? State)> items)
    {
        var now = time.GetUtcNow();
        var job = new Job
        {
            Kind = kind, CreatedBy = actor.ActingAs is null ? actor.Name : $"{actor.Name} como {actor.ActingAs}", PortalId = portalId, CreatedAt = now,
            PayloadJson = payload is null ? null : JsonSerializer.Serialize(payload, JobStep.Json),
        };
        var list = items.Select(i => new JobItem
        {
            JobId = job.Id, Key = i.Key, UpdatedAt = now,
            StateJson = i.State is null ? null : JsonSerializer.Serialize(i.State, JobStep.Json),
        }).ToList();
        job.Total = list.Count;
        db.Jobs.Add(job);
        db.JobItems.AddRange(list);
        audit.Record(actor, "job.created", $"job:{job.Id}", after: new { kind, items = list.Count }, portalId: portalId);
        return job;
    }

    /// <summary>Claims one runnable job and works on it until nothing of it is runnable now. False when there was nothing to do.</summary>
    /// <remarks>
    /// <paramref name="owner"/> is normally <see cref="JobOwner.ToString"/> of the worker. When <paramref name="ct"/> is
    /// cancelled (the host stops), the steps in flight record what they finished and the lease is released, so another
    /// instance resumes the job at once instead of waiting for the lease to expire.
    /// </remarks>
    public async Task<bool> RunNextAsync(string owner, CancellationToken ct)
    {
        var jobId = await ClaimAsync(owner, ct);
        if (jobId is null) return false;
        try
        {
            await RunJobAsync(jobId.Value, owner, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ReleaseLeaseAsync(jobId.Value, owner);
            throw;
        }
        return true;
    }

    /// <summary>
    /// Gives the job back on a graceful stop: clears the lease only if this owner still holds it (one conditional UPDATE on
    /// owner and concurrency token, like a claim), leaving the items as they are for the next instance.
    /// </summary>
    private async Task ReleaseLeaseAsync(Guid jobId, string owner)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IAularioDb>();
            var job = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId)
                .Select(j => new { j.LeaseOwner, j.ConcurrencyToken }).FirstOrDefaultAsync(timeout.Token);
            if (job is null || job.LeaseOwner != owner) return;
            var counts = await db.JobItems.Where(i => i.JobId == jobId && (i.Status == JobItemStatus.Succeeded || i.Status == JobItemStatus.Failed))
                .GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(timeout.Token);
            var done = counts.Where(c => c.Key == JobItemStatus.Succeeded).Sum(c => c.Count);
            var failed = counts.Where(c => c.Key == JobItemStatus.Failed).Sum(c => c.Count);
            var released = await db.Jobs
                .Where(j => j.Id == jobId && j.LeaseOwner == owner && j.ConcurrencyToken == job.ConcurrencyToken)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(j => j.Done, done)
                    .SetProperty(j => j.Failed, failed)
                    .SetProperty(j => j.ConcurrencyToken, Guid.NewGuid()), timeout.Token);
            if (released == 1) log.LogInformation("Job {JobId} released on shutdown; another instance can resume it at once.", jobId);
        }
        catch (Exception ex)
        {
            // The lease then simply expires (or a restart on this machine takes it over); the shutdown goes on.
            log.LogWarning(ex, "Could not release the lease of job {JobId} on shutdown.", jobId);
        }
    }

    internal async Task<Guid?> ClaimAsync(string owner, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAularioDb>();
        var now = time.GetUtcNow();
        // Free jobs, and jobs leased by a process on this machine (which may be dead: a crash or a hard kill before a restart).
        var takeOver = options.Value.TakeOverFromDeadProcess;
        var sameMachine = JobOwner.ThisMachine + ":";
        var candidates = await db.Jobs.AsNoTracking()
            .Where(j => (j.Status == JobStatus.Pending || j.Status == JobStatus.Running || j.Status == JobStatus.WaitingForRetry)
                        && (j.ResumeAt == null || j.ResumeAt <= now)
                        && (j.LeaseExpiresAt == null || j.LeaseExpiresAt < now
                            || (takeOver && j.LeaseOwner != null && j.LeaseOwner.StartsWith(sameMachine))))
            .OrderBy(j => j.CreatedAt).Select(j => new { j.Id, j.ConcurrencyToken, j.LeaseOwner, j.LeaseExpiresAt }).Take(8).ToListAsync(ct);
        var leaseUntil = now + options.Value.Lease;
        foreach (var candidate in candidates)
        {
            // A lease that has not expired is taken over only from an owner of this machine whose process is gone; the
            // UPDATE below still requires the token read with it, so a live owner's renewal in between wins.
            var leased = candidate.LeaseExpiresAt is { } expires && expires >= now;
            if (leased && !(JobOwner.TryParse(candidate.LeaseOwner, out var previous) && previous.IsDeadProcessOnThisMachine())) continue;
            // One conditional UPDATE: it succeeds only when nobody changed the job since it was read (same concurrency
            // token), so of two instances racing for a job exactly one gets it. (A tracked entity would not do here: after a
            // lost race the change tracker is cleared, and saving a detached entity writes nothing yet "succeeds".)
            var token = Guid.NewGuid();
            var claimed = await db.Jobs
                .Where(j => j.Id == candidate.Id && j.ConcurrencyToken == candidate.ConcurrencyToken)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.LeaseOwner, owner)
                    .SetProperty(j => j.LeaseExpiresAt, leaseUntil)
                    .SetProperty(j => j.Status, JobStatus.Running)
                    .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now)
                    .SetProperty(j => j.ResumeAt, (DateTimeOffset?)null)
                    .SetProperty(j => j.StatusMessage, (string?)null)
                    .SetProperty(j => j.ConcurrencyToken, token), ct);
            if (claimed != 1) continue;
            if (leased)
                log.LogInformation("Job {JobId} taken over from {PreviousOwner}: that process on this machine is gone; its lease ran until {LeaseExpiresAt}.",
                    candidate.Id, candidate.LeaseOwner, candidate.LeaseExpiresAt);
            return candidate.Id;
        }
        return null;
    }

    /// <summary>
    /// Keeps <see cref="JobsOptions.MaxParallelItems"/> items in flight: as soon as one item finishes (or waits), the next
    /// runnable one starts, so an item stuck in Zoom's retry back-off holds one slot, not a whole batch. The lease is renewed
    /// every third of its length (which is also when a cancellation by an admin is noticed).
    /// </summary>
    private async Task RunJobAsync(Guid jobId, string owner, CancellationToken ct)
    {
        var opts = options.Value;
        var running = new Dictionary<long, Task<StepOutcome?>>();
        var queue = new Queue<long>();
        var renewEvery = opts.Lease / 3;
        var renewAt = time.GetUtcNow() + renewEvery;
        DateTimeOffset? pauseUntil = null;
        string? pauseReason = null;
        using var timers = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task? renewTimer = null;
        try
        {
            while (true)
            {
                if (pauseUntil is null)
                {
                    if (queue.Count == 0 && running.Count < opts.MaxParallelItems)
                        foreach (var id in await RunnableItemsAsync(jobId, running.Keys, opts.MaxParallelItems * 4, ct)) queue.Enqueue(id);
                    while (running.Count < opts.MaxParallelItems && queue.TryDequeue(out var next))
                        running[next] = RunItemAsync(jobId, next, ct);
                }
                if (running.Count == 0) break;

                renewTimer ??= Task.Delay(renewEvery, time, timers.Token);
                var finished = await Task.WhenAny(running.Values.Append(renewTimer));
                if (finished == renewTimer)
                {
                    renewTimer = null;
                }
                else
                {
                    var itemId = running.First(r => r.Value == finished).Key;
                    running.Remove(itemId);
                    if (await (Task<StepOutcome?>)finished is StepOutcome.PauseJob pause && pauseUntil is null)
                    {
                        // A daily cap: start nothing more, let the items in flight end, then stop the job until the cap resets.
                        pauseUntil = pause.ResumeAt;
                        pauseReason = pause.Reason;
                        queue.Clear();
                    }
                }
                if (pauseUntil is null && time.GetUtcNow() >= renewAt)
                {
                    renewAt = time.GetUtcNow() + renewEvery;
                    if (!await RenewOrStopAsync(jobId, owner, null, null, ct))
                    {
                        await Task.WhenAll(running.Values); // cancelled or lease lost: finish the steps in flight, start no more
                        return;
                    }
                }
            }
            if (pauseUntil is not null)
            {
                await RenewOrStopAsync(jobId, owner, pauseUntil, pauseReason, ct);
                return;
            }
        }
        finally
        {
            await timers.CancelAsync();
            // Leaving early (shutdown, a failure): let the items in flight record their finished steps before the scope goes away.
            try { await Task.WhenAll(running.Values); }
            catch (Exception ex) when (ex is OperationCanceledException || running.Values.Any(t => t.IsFaulted)) { }
        }
        await FinishAsync(jobId, owner, ct);
    }

    private async Task<List<long>> RunnableItemsAsync(Guid jobId, IReadOnlyCollection<long> running, int take, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAularioDb>();
        var now = time.GetUtcNow();
        var exclude = running.ToList();
        return await db.JobItems
            .Where(i => i.JobId == jobId && (i.Status == JobItemStatus.Pending || i.Status == JobItemStatus.Running || i.Status == JobItemStatus.Waiting)
                        && (i.NotBefore == null || i.NotBefore <= now) && !exclude.Contains(i.Id))
            .OrderBy(i => i.Id).Select(i => i.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>Renews the lease; false when the job must stop here (cancelled, paused, lease lost).</summary>
    private async Task<bool> RenewOrStopAsync(Guid jobId, string owner, DateTimeOffset? pauseUntil, string? pauseReason, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAularioDb>();
        var job = await db.Jobs.FirstAsync(j => j.Id == jobId, ct);
        if (job.LeaseOwner != owner || job.Status == JobStatus.Cancelled) return false;
        await UpdateCountsAsync(db, job, ct);
        if (pauseUntil is not null)
        {
            job.Status = JobStatus.WaitingForRetry;
            job.ResumeAt = pauseUntil;
            job.StatusMessage = pauseReason;
            job.LeaseOwner = null;
            job.LeaseExpiresAt = null;
        }
        else
        {
            job.LeaseExpiresAt = time.GetUtcNow() + options.Value.Lease;
        }
        job.ConcurrencyToken = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        return pauseUntil is null;
    }

    private async Task FinishAsync(Guid jobId, string owner, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAularioDb>();
        var job = await db.Jobs.FirstAsync(j => j.Id == jobId, ct);
        if (job.LeaseOwner != owner || job.Status == JobStatus.Cancelled) return;
        await UpdateCountsAsync(db, job, ct);
        var waitingUntil = await db.JobItems
            .Where(i => i.JobId == jobId && (i.Status == JobItemStatus.Pending || i.Status == JobItemStatus.Running || i.Status == JobItemStatus.Waiting))
            .Select(i => i.NotBefore).ToListAsync(ct);
        if (waitingUntil.Count > 0)
        {
            job.ResumeAt = waitingUntil.Min() ?? time.GetUtcNow();
        }
        else
        {
            job.Status = job.Failed > 0 ? JobStatus.Failed : JobStatus.Succeeded;
            job.FinishedAt = time.GetUtcNow();
        }
        job.LeaseOwner = null;
        job.LeaseExpiresAt = null;
        job.ConcurrencyToken = Guid.NewGuid();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { log.LogWarning("Job {JobId} changed while finishing; another instance will look at it.", jobId); }
    }

    private static async Task UpdateCountsAsync(IAularioDb db, Job job, CancellationToken ct)
    {
        var counts = await db.JobItems.Where(i => i.JobId == job.Id).GroupBy(i => i.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        job.Done = counts.Where(c => c.Key == JobItemStatus.Succeeded).Sum(c => c.Count);
        job.Failed = counts.Where(c => c.Key == JobItemStatus.Failed).Sum(c => c.Count);
    }

    /// <summary>Runs one item's steps until it completes, waits, fails or pauses the job. Each step is persisted before the next.</summary>
    internal async Task<StepOutcome?> RunItemAsync(Guid jobId, long itemId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAularioDb>();
        var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId, ct);
        var item = await db.JobItems.FirstAsync(i => i.Id == itemId, ct);
        var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind);
        if (handler is null)
        {
            item.Status = JobItemStatus.Failed;
            item.LastError = $"No hay quien ejecute trabajos de tipo «{job.Kind}».";
            await db.SaveChangesAsync(ct);
            return null;
        }

        for (var steps = 0; steps < 50; steps++)
        {
            ct.ThrowIfCancellationRequested();
            item.Status = JobItemStatus.Running;
            StepOutcome outcome;
            try
            {
                outcome = await handler.RunStepAsync(new JobStep(job, item), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Step {Step} of job {JobId} item {Key} failed unexpectedly", item.Step, jobId, item.Key);
                outcome = new StepOutcome.Failed(Error.Upstream("job.unexpected", "Error inesperado; se puede reintentar. El detalle quedó en el registro del servidor."));
            }

            // A daily cap stops the whole job until the cap resets, not just this item.
            if (outcome is StepOutcome.Failed { Error: { Kind: ErrorKind.RateLimited, RetryAt: { } resumeAt } capped })
                outcome = new StepOutcome.PauseJob(resumeAt, capped.Message);

            var now = time.GetUtcNow();
            item.UpdatedAt = now;
            switch (outcome)
            {
                case StepOutcome.Next next:
                    item.Step = next.Step;
                    item.StateJson = Serialize(next.State, item.StateJson);
                    item.Attempts = 0;
                    item.LastError = null;
                    // A step that returned has done its work: record it even when shutdown is under way, so a restart does not redo it.
                    await db.SaveChangesAsync(CancellationToken.None);
                    continue;
                case StepOutcome.Completed done:
                    item.Status = JobItemStatus.Succeeded;
                    item.Step = "done";
                    item.StateJson = Serialize(done.State, item.StateJson);
                    item.LastError = done.Message;
                    item.NotBefore = null;
                    break;
                case StepOutcome.Wait wait:
                    item.Status = JobItemStatus.Waiting;
                    item.NotBefore = wait.At;
                    item.LastError = wait.Reason;
                    item.StateJson = Serialize(wait.State, item.StateJson);
                    break;
                case StepOutcome.PauseJob pause:
                    item.Status = JobItemStatus.Pending;
                    item.LastError = pause.Reason;
                    break;
                case StepOutcome.Failed failed:
                    item.StateJson = Serialize(failed.State, item.StateJson);
                    item.Attempts++;
                    item.LastError = failed.Error.Message;
                    if (failed.Error.Kind is ErrorKind.Upstream or ErrorKind.RateLimited && item.Attempts < options.Value.MaxAttempts)
                    {
                        item.Status = JobItemStatus.Pending;
                        item.NotBefore = now + TimeSpan.FromSeconds(Math.Pow(2, item.Attempts));
                    }
                    else
                    {
                        item.Status = JobItemStatus.Failed;
                    }
                    break;
            }
            await db.SaveChangesAsync(CancellationToken.None);
            return outcome;
        }
        item.Status = JobItemStatus.Failed;
        item.LastError = "El trabajo no terminó tras 50 pasos.";
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static string? Serialize(object? state, string? previous) =>
        state is null ? previous : JsonSerializer.Serialize(state, state.GetType(), JobStep.Json);

    public static async Task<Result<JobProgress>> ProgressAsync(IAularioDb db, Guid jobId, AdminScope scope, TimeProvider time, CancellationToken ct = default)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || !scope.Allows(job.PortalId)) return Error.NotFound("job.not-found", "El trabajo no existe o no está a tu alcance.");
        var items = await db.JobItems.AsNoTracking().Where(i => i.JobId == jobId).OrderBy(i => i.Id).ToListAsync(ct);
        int Count(JobItemStatus s) => items.Count(i => i.Status == s);
        var succeeded = Count(JobItemStatus.Succeeded);
        var failed = Count(JobItemStatus.Failed);
        var remaining = items.Count - succeeded - failed - Count(JobItemStatus.Cancelled);
        TimeSpan? eta = null;
        if (job.StartedAt is { } started && succeeded + failed > 0 && remaining > 0)
        {
            var elapsed = time.GetUtcNow() - started;
            eta = TimeSpan.FromTicks(elapsed.Ticks / (succeeded + failed) * remaining);
        }
        return new JobProgress(job, items.Count, succeeded, failed, Count(JobItemStatus.Waiting), remaining, eta, items);
    }

    public static async Task<Result<Done>> CancelAsync(IAularioDb db, IAuditLog audit, Guid jobId, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || !scope.Allows(job.PortalId)) return Error.NotFound("job.not-found", "El trabajo no existe o no está a tu alcance.");
        if (job.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled)
            return Error.Conflict("job.finished", "El trabajo ya terminó.");
        job.Status = JobStatus.Cancelled;
        job.ConcurrencyToken = Guid.NewGuid();
        await db.JobItems.Where(i => i.JobId == jobId && (i.Status == JobItemStatus.Pending || i.Status == JobItemStatus.Waiting))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, JobItemStatus.Cancelled), ct);
        audit.Record(actor, "job.cancelled", $"job:{jobId}", portalId: job.PortalId);
        await db.SaveChangesAsync(ct);
        return new Done();
    }

    public static async Task<Result<Done>> RetryFailedAsync(IAularioDb db, IAuditLog audit, Guid jobId, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || !scope.Allows(job.PortalId)) return Error.NotFound("job.not-found", "El trabajo no existe o no está a tu alcance.");
        var failed = await db.JobItems.Where(i => i.JobId == jobId && (i.Status == JobItemStatus.Failed || i.Status == JobItemStatus.Cancelled)).ToListAsync(ct);
        if (failed.Count == 0) return Error.Conflict("job.nothing-to-retry", "No hay ítems fallidos para reintentar.");
        foreach (var item in failed) { item.Status = JobItemStatus.Pending; item.Attempts = 0; item.NotBefore = null; }
        job.Status = JobStatus.Pending;
        job.FinishedAt = null;
        job.ResumeAt = null;
        job.ConcurrencyToken = Guid.NewGuid();
        audit.Record(actor, "job.retried", $"job:{jobId}", after: new { items = failed.Count }, portalId: job.PortalId);
        await db.SaveChangesAsync(ct);
        return new Done();
    }
}
