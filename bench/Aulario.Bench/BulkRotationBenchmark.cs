using System.Diagnostics;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Core.Secrets;
using Aulario.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Bench;

/// <summary>
/// Bulk passcode rotation of N classrooms with the real job engine against the Zoom sandbox at Business-plan limits
/// (Medium 60/s, Light 80/s) with injected 429 QPS and 5xx. Targets (issue "Bulk work and sync", item 6): achieved
/// Medium rate ÷ 60 ≥ 0.9, failed items 0, duplicate Zoom writes 0 — uninterrupted (in process), and with the worker, a
/// child process, hard-killed mid-way and a second process on the same machine taking the job over at once because the
/// lease's owner process is gone (rate printed both while a worker works and over the whole run, the restart included).
/// </summary>
internal static class BulkRotationBenchmark
{
    private const int MediumLimit = 60;

    public static async Task<bool> RunAsync(RotationSettings settings)
    {
        Console.WriteLine();
        Console.WriteLine($"== Passcode rotation of {settings.Classrooms:N0} classrooms, sandbox Business plan (Medium {MediumLimit}/s, Light 80/s), " +
                          $"injected faults {settings.FaultProbability:P1} of /v2 calls (half 429 QPS, half 500/503)");
        var a = await RunOnceAsync(settings, kill: false);
        var b = await RunOnceAsync(settings, kill: true);
        return a && b;
    }

    private static async Task<bool> RunOnceAsync(RotationSettings settings, bool kill)
    {
        Console.WriteLine();
        Console.WriteLine(kill
            ? $"-- worker process hard-killed after ~{settings.KillAt:P0} of the items; a new process on this machine takes the job over " +
              $"(lease {settings.Lease.TotalSeconds:F0} s, not waited for: its owner process is gone)"
            : "-- one uninterrupted worker (in process)");
        await using var world = await RotationWorld.CreateAsync(settings);
        var half = settings.FaultProbability / 2;
        world.Sandbox.Control.SetFaults(new ZoomSandbox.SandboxFaults { Probability429 = half, Probability5xx = half });

        var counterA = new ZoomResponseCounter();
        var instanceA = world.NewInstance(settings, counterA);
        Guid jobId;
        await using (var scope = instanceA.CreateAsyncScope())
        {
            var commands = scope.ServiceProvider.GetRequiredService<ClassroomCommands>();
            var started = await commands.StartPasscodeChangeAsync(world.PortalId, null, null, new Actor("bench"), AdminScope.Institution);
            if (!started.IsSuccess) throw new InvalidOperationException(started.Errors[0].Message);
            jobId = started.Value.Id;
        }
        Console.WriteLine($"  parallel items {instanceA.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value.MaxParallelItems}");

        using var sampling = new CancellationTokenSource();
        var perSecond = new List<int>();
        var sampler = SampleMediumAsync(world, perSecond, sampling.Token);

        TimeSpan elapsed;
        // From the kill to the new worker process's first Zoom answer: nobody works (the old process is gone, the new one is starting).
        TimeSpan down = TimeSpan.Zero;
        ZoomResponseCounter? counter = null;
        if (!kill)
        {
            counter = counterA;
            var clock = Stopwatch.StartNew();
            await WorkUntilDoneAsync(instanceA, jobId, JobOwner.ForThisProcess().ToString(), CancellationToken.None);
            elapsed = clock.Elapsed;
            await instanceA.DisposeAsync();
        }
        else
        {
            // The worker is a real process, hard-killed, and a second process on this machine resumes: what a crash and a
            // systemd or container restart do. The first process's time to start is not counted; the second one's is (it is down time).
            await instanceA.DisposeAsync();
            using var first = RotationWorkerProcess.Start("worker 1", world, settings, jobId);
            var startedAt = await first.MarkAsync("first-zoom-answer", TimeSpan.FromMinutes(1));
            Console.WriteLine($"  worker 1 (pid {first.Id}) had its first Zoom answer {(startedAt - first.StartedAt).TotalSeconds:F2} s after its process started (the clock starts there)");
            var threshold = (int)(settings.Classrooms * settings.KillAt);
            while (!first.Exited.IsCompleted && world.Sandbox.State.Stats.WritesByUser.Count < threshold) await Task.Delay(20);
            if (first.Exited.IsCompleted) throw new InvalidOperationException($"worker 1 exited ({first.ExitCode}) before it was killed");
            var killedAt = TimeProvider.System.GetUtcNow();
            await first.KillAsync();
            var goneAt = TimeProvider.System.GetUtcNow();
            var writtenAtKill = world.Sandbox.State.Stats.WritesByUser.Count;
            Console.WriteLine($"  killed worker 1 (SIGKILL) at {(killedAt - startedAt).TotalSeconds:F1} s with {writtenAtKill:N0} classrooms' passcodes written " +
                              $"(gone {(goneAt - killedAt).TotalSeconds:F2} s later)");

            using var second = RotationWorkerProcess.Start("worker 2", world, settings, jobId);
            var resumedAt = await second.MarkAsync("first-zoom-answer", TimeSpan.FromMinutes(1));
            down = resumedAt - killedAt;
            var finishedAt = await second.MarkAsync("finished", TimeSpan.FromMinutes(10));
            await second.Exited.WaitAsync(TimeSpan.FromMinutes(1));
            if (second.ExitCode != 0) throw new InvalidOperationException($"worker 2 exited with {second.ExitCode}");
            elapsed = finishedAt - startedAt;
            // Where the down time goes, each step from the kill (the worker has exited: all its marks have arrived).
            var steps = new List<string> { $"process started +{(second.StartedAt - killedAt).TotalSeconds:F2} s" };
            foreach (var (mark, label) in new[]
                     {
                         ("services-built", "services built"), ("claimed", "job taken over"), ("token-request", "OAuth token requested"),
                         ("first-zoom-request", "first /v2 call sent"), ("first-zoom-answer", "first answer"),
                     })
            {
                steps.Add(second.MarkIfAny(mark) is { } at ? $"{label} +{(at - killedAt).TotalSeconds:F2} s" : $"{label} (no mark)");
            }
            Console.WriteLine($"  takeover by worker 2 (pid {second.Id}), from the kill at {killedAt:HH:mm:ss.fff} UTC: {string.Join(", ", steps)} — " +
                              $"takeover delay {down.TotalSeconds:F2} s; the dead worker's lease of {settings.Lease.TotalSeconds:F0} s was " +
                              $"{(down < settings.Lease ? "not waited for" : "waited for")}");
        }
        await sampling.CancelAsync();
        await sampler;

        return await ReportAsync(world, counter, jobId, elapsed, down, perSecond);
    }

    /// <summary>The host's job worker loop: RunNextAsync until the job has finished (polls when there is nothing runnable yet).</summary>
    internal static async Task WorkUntilDoneAsync(ServiceProvider instance, Guid jobId, string owner, CancellationToken ct)
    {
        var engine = instance.GetRequiredService<JobEngine>();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (await engine.RunNextAsync(owner, ct)) continue;
            await using (var scope = instance.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
                var status = await db.Jobs.Where(j => j.Id == jobId).Select(j => j.Status).FirstAsync(ct);
                if (status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled) return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private static async Task SampleMediumAsync(RotationWorld world, List<int> perSecond, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var last = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = world.Sandbox.State.Stats.RequestsByLabel.TryGetValue("Medium", out var n) ? n : 0;
                perSecond.Add(now - last);
                last = now;
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <param name="counter">The in-process client's answers; null when the workers were processes (the sandbox's own counts are printed then).</param>
    private static async Task<bool> ReportAsync(RotationWorld world, ZoomResponseCounter? counter, Guid jobId, TimeSpan elapsed, TimeSpan down,
        List<int> perSecond)
    {
        await using var scope = world.Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId);
        var items = await db.JobItems.AsNoTracking().Where(i => i.JobId == jobId).ToListAsync();
        var failed = items.Count(i => i.Status != JobItemStatus.Succeeded);
        var stats = world.Sandbox.State.Stats;
        var medium = stats.RequestsByLabel.TryGetValue("Medium", out var m) ? m : 0;
        var working = elapsed - down;
        var rate = medium / working.TotalSeconds;
        var writes = stats.WritesByUser.Values.Sum();
        var accepted = counter is null
            ? $"passcode writes accepted by Zoom {writes / working.TotalSeconds:F1}/s"
            : $"accepted by Zoom {counter.Get("Medium", "ok") / working.TotalSeconds:F1}/s";

        // Duplicate writes: successful mutating calls per classroom user beyond the one passcode PATCH each needs.
        var duplicates = world.ClassroomByZoomUser.Keys.Sum(id => Math.Max(0, (stats.WritesByUser.TryGetValue(id, out var w) ? w : 0) - 1));
        var unwritten = world.ClassroomByZoomUser.Keys.Count(id => !stats.WritesByUser.ContainsKey(id));

        // Consistency: Zoom's passcode is the one Aulario stored, and SIU holds the classroom's new link.
        var classrooms = await db.Classrooms.AsNoTracking().ToDictionaryAsync(c => c.Id);
        var mismatched = 0;
        foreach (var (zoomId, classroomId) in world.ClassroomByZoomUser)
        {
            var user = world.Sandbox.State.Find(zoomId)!;
            var c = classrooms[classroomId];
            if (c.PasscodeProtected is null || secrets.Unprotect(c.PasscodeProtected) != user.PmiPassword || c.SiuLink is null
                || c.SiuLink.EndsWith("pwd=anterior", StringComparison.Ordinal) || c.State != ClassroomState.Ready) mismatched++;
        }
        var siuStale = await CountStaleSiuLinksAsync(world);

        var busy = perSecond.Where(n => n > 0).OrderBy(n => n).ToList();
        Console.WriteLine($"  job {job.Status}: items {items.Count:N0}, elapsed {elapsed.TotalSeconds:F1} s" +
                          (down > TimeSpan.Zero ? $" ({working.TotalSeconds:F1} s working + {down.TotalSeconds:F1} s from the kill to the new process's first Zoom answer)" : ""));
        Console.WriteLine($"  Medium requests at the sandbox: {medium:N0} = {medium / (double)items.Count:F2} per item; " +
                          $"per-second samples p50 {P(busy, 50)}, p90 {P(busy, 90)}, max {(busy.Count > 0 ? busy[^1] : 0)}");
        if (counter is not null)
            Console.WriteLine($"  Zoom answers seen by the client: Medium ok {counter.Get("Medium", "ok"):N0}, 429 injected {counter.Get("Medium", "429-injected") + counter.Get("Light", "429-injected")}, " +
                              $"429 from the limit {counter.Get("Medium", "429-limit") + counter.Get("Light", "429-limit")}, 5xx {counter.Get("Medium", "5xx") + counter.Get("Light", "5xx")}");
        else
            Console.WriteLine($"  Zoom answers counted by the sandbox (both processes; the killed one's client counts died with it): successful writes {writes:N0}, " +
                              $"injected faults {stats.InjectedFaults} (429 QPS and 500/503), 429 from the limit {stats.Throttled429}");
        Console.WriteLine($"  where the time goes: {Timeline(perSecond)}");
        var rateOk = rate / MediumLimit >= 0.9;
        Console.WriteLine($"  achieved Medium rate ÷ {MediumLimit} while an instance works: {rate / MediumLimit:F2} ({rate:F1}/s; {accepted}) " +
                          $"(target ≥ 0.9) {(rateOk ? "OK" : "MISSED")}");
        var overall = medium / elapsed.TotalSeconds / MediumLimit;
        var overallOk = overall >= 0.9;
        if (down > TimeSpan.Zero)
            Console.WriteLine($"  achieved Medium rate ÷ {MediumLimit} over the whole run, the {down.TotalSeconds:F1} s down included: {overall:F2} (target ≥ 0.9) {(overallOk ? "OK" : "MISSED")}");
        Console.WriteLine($"  failed items: {failed} (target 0) {(failed == 0 ? "OK" : "MISSED")}");
        Console.WriteLine($"  duplicate Zoom writes: {duplicates} (target 0) {(duplicates == 0 ? "OK" : "MISSED")}; classrooms never written: {unwritten}");
        Console.WriteLine($"  consistency: classrooms whose Zoom passcode/SIU link/state disagree with Aulario: {mismatched}; SIU spaces still on the old link: {siuStale}");
        return rateOk && overallOk && failed == 0 && duplicates == 0 && mismatched == 0 && siuStale == 0;
    }

    private static async Task<int> CountStaleSiuLinksAsync(RotationWorld world)
    {
        await using var siu = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = world.SiuPath, Pooling = false }.ToString());
        await siu.OpenAsync();
        await using var count = new SqliteCommand("SELECT count(*) FROM sga_espacios WHERE link_clase_virtual LIKE '%pwd=anterior'", siu);
        return Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The per-second Medium samples from the first busy second to the last: how many seconds fell below 0.9 of the limit at
    /// the start (ramp), at the end (tail: items in retry back-off with nothing else left) and in between, and the
    /// requests short of the limit in each part, as seconds at the limit.
    /// </summary>
    private static string Timeline(List<int> perSecond)
    {
        var first = perSecond.FindIndex(n => n > 0);
        var last = perSecond.FindLastIndex(n => n > 0);
        if (first < 0) return "no busy second";
        var floor = (int)Math.Ceiling(MediumLimit * 0.9);
        var firstFull = perSecond.FindIndex(first, last - first + 1, n => n >= floor);
        var lastFull = firstFull < 0 ? -1 : perSecond.FindLastIndex(last, last - first + 1, n => n >= floor);
        int Below(int from, int to) => from > to ? 0 : perSecond.Skip(from).Take(to - from + 1).Count(n => n < floor);
        double Short(int from, int to) => from > to ? 0 : perSecond.Skip(from).Take(to - from + 1).Sum(n => Math.Max(0, MediumLimit - n)) / (double)MediumLimit;
        if (firstFull < 0) return $"{last - first + 1} busy seconds, none at ≥ {floor}/s; short of {MediumLimit}/s by {Short(first, last):F1} s";
        return $"{last - first + 1} busy seconds; below {floor}/s: ramp {Below(first, firstFull - 1)} s, tail {Below(lastFull + 1, last)} s, " +
               $"in between {Below(firstFull, lastFull)} s; requests short of {MediumLimit}/s, as seconds at the limit: ramp {Short(first, firstFull - 1):F1}, " +
               $"in between {Short(firstFull, lastFull):F1}, tail {Short(lastFull + 1, last):F1}";
    }

    private static int P(List<int> sorted, int p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
