using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Accounts;

public enum ProviderUserEventKind { Created, Activated, InvitationAccepted, Deactivated, Deleted, Updated, Other }

/// <summary>A user event from the conferencing provider (parsed from a Zoom webhook by Aulario.Zoom).</summary>
public sealed record ProviderUserEvent(
    ProviderUserEventKind Kind, string? UserId, string? Email, string? FirstName = null, string? LastName = null, LicenseType? LicenseType = null);

/// <summary>
/// Keeps account statuses current from provider events. Idempotent: applying an event twice leaves the same state.
/// When an account activates, classroom jobs waiting for that activation continue at once.
/// </summary>
public sealed class ProviderUserEvents(IAularioDb db, IAuditLog audit, TimeProvider time)
{
    private static readonly Actor Webhook = new("zoom-webhook");

    /// <summary>Returns what was done, for the event's record.</summary>
    public async Task<string> ApplyAsync(ProviderUserEvent e, CancellationToken ct = default)
    {
        Account? account = null;
        if (!string.IsNullOrEmpty(e.UserId)) account = await db.Accounts.FirstOrDefaultAsync(a => a.ZoomUserId == e.UserId, ct);
        if (account is null && !string.IsNullOrEmpty(e.Email))
        {
            var email = AccountRules.NormalizeEmail(e.Email);
            account = await db.Accounts.FirstOrDefaultAsync(a => a.Email == email, ct);
        }
        if (account is null) return "Cuenta desconocida en Aulario: sin cambios.";
        var before = AccountSnapshot.Of(account);
        var now = time.GetUtcNow();
        string result;
        switch (e.Kind)
        {
            case ProviderUserEventKind.Activated or ProviderUserEventKind.InvitationAccepted when account.Status != AccountStatus.Active:
                account.Status = AccountStatus.Active;
                account.FinalizedAt = null;
                if (e.UserId is not null) account.ZoomUserId = e.UserId;
                await WakeWaitingJobsAsync(now, ct);
                result = "Cuenta activa.";
                break;
            case ProviderUserEventKind.Deactivated when account.Status != AccountStatus.Finalized:
                account.LicenseTypeBeforeFinalize ??= account.LicenseType;
                account.Status = AccountStatus.Finalized;
                account.FinalizedAt = now;
                result = "Cuenta desactivada en Zoom: marcada como finalizada.";
                break;
            case ProviderUserEventKind.Deleted when account.ZoomUserId is not null:
                account.ZoomUserId = null;
                account.LicenseTypeBeforeFinalize ??= account.LicenseType;
                account.Status = AccountStatus.Finalized;
                account.FinalizedAt ??= now;
                result = "Usuario quitado de la cuenta Zoom: marcada como finalizada.";
                break;
            case ProviderUserEventKind.Updated:
                if (!string.IsNullOrWhiteSpace(e.FirstName)) account.FirstName = e.FirstName;
                if (!string.IsNullOrWhiteSpace(e.LastName)) account.LastName = e.LastName;
                if (e.LicenseType is { } license && account.Status == AccountStatus.Active) account.LicenseType = license;
                account.RefreshSearchKey();
                result = "Datos actualizados.";
                break;
            default:
                return "Sin cambios.";
        }
        account.SyncedAt = now;
        var after = AccountSnapshot.Of(account);
        if (before.ToString() != after.ToString())
            audit.Record(Webhook, "account.synced-from-zoom", $"account:{account.Email}", before, after, account.PortalId);
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>Items waiting (for an activation) are looked at again now rather than at their next poll.</summary>
    private async Task WakeWaitingJobsAsync(DateTimeOffset now, CancellationToken ct)
    {
        // Direct updates: a worker may hold these jobs right now, and a wake-up must not fail on its concurrency token.
        var jobIds = await db.JobItems.Where(i => i.Status == JobItemStatus.Waiting).Select(i => i.JobId).Distinct().ToListAsync(ct);
        if (jobIds.Count == 0) return;
        await db.JobItems.Where(i => i.Status == JobItemStatus.Waiting).ExecuteUpdateAsync(s => s.SetProperty(i => i.NotBefore, now), ct);
        await db.Jobs.Where(j => jobIds.Contains(j.Id) && j.Status == JobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ResumeAt, now), ct);
    }
}
