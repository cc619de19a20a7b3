using Aulario.Core.Audit;
using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Security;

/// <summary>Reads and changes the institution's <see cref="SecuritySettings"/>; every change is audited with before and after.</summary>
public sealed class SecuritySettingsCommands(IAularioDb db, IAuditLog audit, TimeProvider time)
{
    /// <summary>The current settings (the defaults when none were saved yet). Not tracked.</summary>
    public async Task<SecuritySettings> GetAsync(CancellationToken ct = default) =>
        await db.SecuritySettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == SecuritySettings.SingletonId, ct) ?? new SecuritySettings();

    /// <summary>Whether administrators must use two-step verification (one indexed read; called on admin requests).</summary>
    public Task<bool> RequireTwoFactorForAdminsAsync(CancellationToken ct = default) =>
        db.SecuritySettings.AsNoTracking().Where(s => s.Id == SecuritySettings.SingletonId).Select(s => s.RequireTwoFactorForAdmins).FirstOrDefaultAsync(ct);

    public async Task<Result<SecuritySettings>> SetRequireTwoFactorForAdminsAsync(bool required, Actor actor, CancellationToken ct = default)
    {
        var settings = await db.SecuritySettings.FirstOrDefaultAsync(s => s.Id == SecuritySettings.SingletonId, ct);
        if (settings is null)
        {
            settings = new SecuritySettings();
            db.SecuritySettings.Add(settings);
        }
        else if (settings.RequireTwoFactorForAdmins == required)
        {
            return settings; // nothing changes, nothing to audit
        }
        var before = settings.RequireTwoFactorForAdmins;
        settings.RequireTwoFactorForAdmins = required;
        settings.UpdatedAt = time.GetUtcNow();
        settings.UpdatedBy = actor.Name;
        audit.Record(actor, "settings.security-updated", "settings:security",
            before: new { RequireTwoFactorForAdmins = before }, after: new { RequireTwoFactorForAdmins = required });
        await db.SaveChangesAsync(ct);
        return settings;
    }
}
