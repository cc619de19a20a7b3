using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Core.Portals;
using Aulario.Core.Secrets;
using Aulario.Core.Siu;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Core.Reconcile;

/// <summary>Section "Reconcile".</summary>
public sealed class ReconcileOptions
{
    /// <summary>Pending activations older than this are reported.</summary>
    public int StalePendingDays { get; set; } = 7;
    /// <summary>Licenses the institution bought (optional; shown against licenses in use).</summary>
    public int? LicensePool { get; set; }
    /// <summary>How often the scheduled run happens; zero turns it off.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromHours(6);
}

public sealed record ReconcileReport(long RunId, DateTimeOffset At, ReconcileSummary Summary, IReadOnlyList<DriftItem> Items);

/// <summary>
/// Compares Zoom, Aulario and each portal's SIU and reports drift. Reading changes nothing; <see cref="FixAsync"/> applies the
/// safe fixes (take Zoom's status, import a user Aulario does not know). Link and passcode drift are fixed by the classroom flows.
/// </summary>
public sealed class Reconciler(IAularioDb db, IConferencingProvider zoom, ISiuDirectory siu, PortalCommands portals, ISecretProtector secrets,
    IAuditLog audit, IOptions<ReconcileOptions> options, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task<Result<ReconcileReport>> RunAsync(Actor actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var zoomUsers = new Dictionary<string, ProviderUser>(StringComparer.Ordinal);
        try
        {
            foreach (var status in new[] { ProviderUserStatus.Active, ProviderUserStatus.Pending, ProviderUserStatus.Inactive })
                await foreach (var u in zoom.ListUsersAsync(status, ct)) zoomUsers[u.Id] = u;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Error.Upstream("reconcile.zoom-unavailable", "No se pudo leer la lista de usuarios de Zoom: " + ex.Message);
        }
        var byEmail = zoomUsers.Values.GroupBy(u => u.Email.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(ct);
        var items = new List<DriftItem>();

        foreach (var a in accounts)
        {
            var user = a.ZoomUserId is { } id && zoomUsers.TryGetValue(id, out var byId) ? byId : byEmail.GetValueOrDefault(a.Email);
            if (user is null)
            {
                if (a.Status != AccountStatus.Finalized)
                    items.Add(new DriftItem(DriftKind.MissingInZoom, a.Email, "La cuenta no está en Zoom.", "Marcar como finalizada", a.Id));
                continue;
            }
            var zoomStatus = user.Status switch { ProviderUserStatus.Active => AccountStatus.Active, ProviderUserStatus.Pending => AccountStatus.Pending, _ => AccountStatus.Finalized };
            if (zoomStatus != a.Status)
                items.Add(new DriftItem(DriftKind.StatusDiffers, a.Email, $"Aulario: {a.Status}; Zoom: {user.Status}.", "Tomar el estado de Zoom", a.Id, ZoomUserId: user.Id));
            if (a.Status == AccountStatus.Pending && a.ActivationSentAt is { } sent && now - sent > TimeSpan.FromDays(options.Value.StalePendingDays))
                items.Add(new DriftItem(DriftKind.StalePending, a.Email, $"Activación pendiente desde hace {(int)(now - sent).TotalDays} días.", null, a.Id));
        }
        var known = accounts.Select(a => a.Email).ToHashSet(StringComparer.Ordinal);
        foreach (var u in zoomUsers.Values.Where(u => !known.Contains(u.Email.ToLowerInvariant())))
            items.Add(new DriftItem(DriftKind.UnknownInAulario, u.Email, $"Usuario de Zoom ({u.Status}) que Aulario no administra.", "Importar a Aulario", ZoomUserId: u.Id));

        var classrooms = await db.Classrooms.AsNoTracking().ToListAsync(ct);
        var accountById = accounts.ToDictionary(a => a.Id);
        foreach (var group in classrooms.GroupBy(c => c.PortalId))
        {
            var portal = await db.Portals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == group.Key, ct);
            var target = portal is null ? null : portals.TargetOf(portal);
            foreach (var c in group)
            {
                var label = $"{portal?.Code}/{c.SiuSpaceId} {c.SiuName}";
                if (c.AccountId is not { } accountId || !accountById.TryGetValue(accountId, out var account)) continue;
                if (account.Status != AccountStatus.Active)
                    items.Add(new DriftItem(DriftKind.InactiveAccountLinked, label, $"El espacio apunta a {account.Email}, que está {account.Status}.", null, account.Id, c.Id));
                if (target is not null)
                {
                    var space = await siu.GetSpaceAsync(target, c.SiuSpaceId, ct);
                    if (!space.IsSuccess)
                        items.Add(new DriftItem(DriftKind.SiuUnreachable, label, space.Errors[0].Message, null, ClassroomId: c.Id));
                    else if (account.PersonalMeetingUrl is { } link && !string.Equals(space.Value.Link, link, StringComparison.Ordinal))
                        items.Add(new DriftItem(DriftKind.LinkDiffers, label, $"SIU: {space.Value.Link ?? "(vacío)"}; Zoom: {link}.", null, account.Id, c.Id));
                }
                if (c.PasscodeProtected is { } stored && account.ZoomUserId is { } zid && account.Status == AccountStatus.Active)
                {
                    var settings = await zoom.GetPasscodeSettingsAsync(zid, ct);
                    if (settings.IsSuccess && settings.Value.PmiPasscode != secrets.Unprotect(stored))
                        items.Add(new DriftItem(DriftKind.PasscodeDiffers, label, "La contraseña de alumno de Zoom no es la que guarda Aulario.", null, account.Id, c.Id));
                }
            }
        }

        var licensed = zoomUsers.Values.Count(u => u.Status == ProviderUserStatus.Active && u.LicenseType == LicenseType.Licensed);
        var summary = new ReconcileSummary(zoomUsers.Count, accounts.Count, licensed, options.Value.LicensePool, classrooms.Count,
            Enum.GetValues<DriftKind>().ToDictionary(k => k, k => items.Count(i => i.Kind == k)));
        var run = new ReconcileRun
        {
            At = now, Actor = actor.Name, ZoomUsers = zoomUsers.Count, LicensedInUse = licensed, LicensePool = options.Value.LicensePool,
            DriftCount = items.Count, ReportJson = JsonSerializer.Serialize(new { summary, items }, Json),
        };
        db.ReconcileRuns.Add(run);
        audit.Record(actor, "reconcile.run", "reconcile", after: new { zoomUsers = zoomUsers.Count, drift = items.Count, licensed });
        await db.SaveChangesAsync(ct);
        return new ReconcileReport(run.Id, now, summary, items);
    }

    /// <summary>Applies a safe fix: take Zoom's status for an account, mark an account missing in Zoom as finalized, or import a Zoom user.</summary>
    public async Task<Result<string>> FixAsync(DriftKind kind, Guid? accountId, string? zoomUserId, Actor actor, CancellationToken ct = default)
    {
        switch (kind)
        {
            case DriftKind.StatusDiffers when accountId is { } id:
            {
                var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
                if (account is null) return Error.NotFound("account.not-found", "La cuenta no existe.");
                var user = await zoom.GetUserAsync(account.ZoomUserId ?? account.Email, ct);
                if (!user.IsSuccess) return Result<string>.Fail(user.Errors);
                var before = AccountSnapshot.Of(account);
                AccountSync.Apply(account, user.Value, time.GetUtcNow());
                audit.Record(actor, "reconcile.fixed-status", $"account:{account.Email}", before, AccountSnapshot.Of(account), account.PortalId);
                await db.SaveChangesAsync(ct);
                return "Estado tomado de Zoom.";
            }
            case DriftKind.MissingInZoom when accountId is { } id:
            {
                var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
                if (account is null) return Error.NotFound("account.not-found", "La cuenta no existe.");
                if (await zoom.GetUserAsync(account.ZoomUserId ?? account.Email, ct) is { IsSuccess: true })
                    return Error.Conflict("reconcile.exists-now", "La cuenta volvió a aparecer en Zoom: volvé a conciliar.");
                var before = AccountSnapshot.Of(account);
                account.LicenseTypeBeforeFinalize ??= account.LicenseType;
                account.Status = AccountStatus.Finalized;
                account.FinalizedAt = time.GetUtcNow();
                account.ZoomUserId = null;
                audit.Record(actor, "reconcile.fixed-missing", $"account:{account.Email}", before, AccountSnapshot.Of(account), account.PortalId);
                await db.SaveChangesAsync(ct);
                return "Marcada como finalizada.";
            }
            case DriftKind.UnknownInAulario when zoomUserId is { } zid:
            {
                var user = await zoom.GetUserAsync(zid, ct);
                if (!user.IsSuccess) return Result<string>.Fail(user.Errors);
                var email = AccountRules.NormalizeEmail(user.Value.Email);
                if (await db.Accounts.AnyAsync(a => a.Email == email, ct)) return "Ya estaba en Aulario.";
                var account = new Account { Email = email, CreatedAt = user.Value.CreatedAt ?? time.GetUtcNow() };
                AccountSync.Apply(account, user.Value, time.GetUtcNow());
                db.Accounts.Add(account);
                audit.Record(actor, "reconcile.imported", $"account:{email}", after: AccountSnapshot.Of(account));
                await db.SaveChangesAsync(ct);
                return "Importada a Aulario.";
            }
            default:
                return Error.Validation("reconcile.no-safe-fix", "Esta diferencia no tiene un arreglo automático seguro: resolvela desde la cuenta o el aula.");
        }
    }

    public async Task<IReadOnlyList<ReconcileRun>> HistoryAsync(int take, CancellationToken ct = default) =>
        await db.ReconcileRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);
}
