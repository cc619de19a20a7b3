using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Aulario.Core.Jobs;

/// <summary>
/// Who holds a job's lease: the machine, the process (id and start time, so a later process that got the same id is
/// told apart) and a random part per worker. Stored in <see cref="Job.LeaseOwner"/> as
/// <c>{machine}:{pid}:{start ticks UTC}:{random}</c> (at most 128 characters; a long machine name is cut to 64).
/// Knowing the process lets a restarted instance on the same machine take over a dead predecessor's job at once
/// instead of waiting for its lease to expire (ADR 0007).
/// </summary>
public sealed record JobOwner(string Machine, int ProcessId, long ProcessStartTicks, string Instance)
{
    /// <summary>Start times computed by two processes differ a little (each derives the boot time from the clock).</summary>
    private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(2);
    private const int MaxMachineLength = 64;
    private static readonly long MinStartTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>This machine's name as it appears in an owner string.</summary>
    public static string ThisMachine { get; } = Normalize(Environment.MachineName);

    /// <summary>A new owner for a worker of this process.</summary>
    public static JobOwner ForThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return new JobOwner(ThisMachine, Environment.ProcessId, self.StartTime.ToUniversalTime().Ticks, Guid.NewGuid().ToString("N"));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Machine}:{ProcessId}:{ProcessStartTicks}:{Instance}");

    /// <summary>Reads an owner string written by <see cref="ToString"/>; false for anything else (old rows, test or bench owners).</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out JobOwner? owner)
    {
        owner = null;
        if (string.IsNullOrEmpty(value) || value.Length > 128) return false;
        // From the right: the machine name is whatever is left (it is never empty, and cannot hold the three numbers).
        var parts = value.Split(':');
        if (parts.Length < 4) return false;
        var machine = string.Join(':', parts[..^3]);
        var instance = parts[^1];
        if (machine.Length == 0 || instance.Length != 32 || !instance.All(char.IsAsciiHexDigitLower)) return false;
        if (!int.TryParse(parts[^3], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0) return false;
        if (!long.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < MinStartTicks || ticks > DateTime.MaxValue.Ticks) return false;
        owner = new JobOwner(machine, pid, ticks, instance);
        return true;
    }

    /// <summary>
    /// True only when this owner ran on this machine and its process is certainly gone: no process has its id, or the
    /// process with its id started at another time (the id was reused). Anything unknown counts as alive.
    /// </summary>
    public bool IsDeadProcessOnThisMachine()
    {
        if (!string.Equals(Machine, ThisMachine, StringComparison.Ordinal)) return false;
        Process process;
        try
        {
            process = Process.GetProcessById(ProcessId);
        }
        catch (ArgumentException)
        {
            return true; // no process with that id
        }
        catch (Exception)
        {
            return false;
        }
        using (process)
        {
            try
            {
                var started = process.StartTime.ToUniversalTime().Ticks;
                return Math.Abs(started - ProcessStartTicks) > StartTimeTolerance.Ticks;
            }
            catch (InvalidOperationException)
            {
                return HasExited(process); // it exited between the two calls
            }
            catch (Exception)
            {
                return false;
            }
        }
    }

    private static bool HasExited(Process process)
    {
        try { return process.HasExited; }
        catch (Exception) { return false; }
    }

    private static string Normalize(string machine)
    {
        var name = string.IsNullOrEmpty(machine) ? "localhost" : machine;
        return name.Length <= MaxMachineLength ? name : name[..MaxMachineLength];
    }
}
