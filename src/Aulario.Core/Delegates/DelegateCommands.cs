using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Delegates;

/// <summary>One account on either side of a delegation.</summary>
public sealed record DelegatePerson(Guid AccountId, string Email, string DisplayName, DateTimeOffset? Since);

/// <summary>A host's delegates (read from Zoom) and the hosts that named this account as their delegate (from Aulario's table).</summary>
public sealed record DelegatesOverview(Account Account, IReadOnlyList<DelegatePerson> Delegates, IReadOnlyList<DelegatePerson> DelegateOf,
    IReadOnlyList<string> UnknownInZoom);

/// <summary>What happened to one requested delegate: added/removed, or why not.</summary>
public sealed record DelegateOutcome(string Email, bool Done, Error? Error);

/// <summary>
/// Delegados (Zoom assistants): a host names other active, licensed accounts of the institution that can schedule and manage
/// meetings for them. Zoom holds the list (POST/DELETE /users/{id}/assistants); Aulario keeps <see cref="Delegation"/> rows so
/// the other direction can be shown. Each delegate is added or removed on its own so one refusal does not stop the others and
/// every email gets its own answer. Every change is audited with the actor (an admin, a host, or "admin X as Y").
/// </summary>
public sealed class DelegateCommands(IAularioDb db, IConferencingProvider zoom, IAuditLog audit, TimeProvider time)
{
    /// <summary>Zoom accepts up to 30 assistants per request; Aulario takes the same number per request from a person.</summary>
    public const int MaxPerRequest = 30;
    public const int MaxCandidates = 50;

    /// <summary>
    /// The account's delegates, refreshed from Zoom (rows added in Zoom directly appear, rows removed there disappear), and the
    /// hosts that named it. A host without a Zoom user, or not active, has no delegates to read: only the other direction is shown.
    /// </summary>
    public Task<Result<DelegatesOverview>> GetAsync(Guid accountId, Actor actor, AdminScope scope, CancellationToken ct = default) =>
        ReadAsync(accountId, actor, scope, refresh: true, ct);

    /// <summary>The overview from Aulario's table alone (when Zoom cannot be reached, the page still shows what it knows).</summary>
    public Task<Result<DelegatesOverview>> GetLocalAsync(Guid accountId, AdminScope scope, CancellationToken ct = default) =>
        ReadAsync(accountId, null, scope, refresh: false, ct);

    private async Task<Result<DelegatesOverview>> ReadAsync(Guid accountId, Actor? actor, AdminScope scope, bool refresh, CancellationToken ct)
    {
        var found = await FindAsync(accountId, scope, ct);
        if (!found.IsSuccess) return Result<DelegatesOverview>.Fail(found.Errors);
        var account = found.Value;
        var unknown = new List<string>();
        if (refresh && actor is not null && account.Status == AccountStatus.Active && account.ZoomUserId is { } zoomId)
        {
            var listed = await zoom.ListAssistantsAsync(zoomId, ct);
            if (!listed.IsSuccess) return Result<DelegatesOverview>.Fail(listed.Errors);
            unknown = await SyncAsync(account, listed.Value, actor, ct);
        }
        var delegates = await (from d in db.Delegations.AsNoTracking()
                               join a in db.Accounts.AsNoTracking() on d.DelegateAccountId equals a.Id
                               where d.HostAccountId == account.Id
                               select new { a.Id, a.Email, a.FirstName, a.LastName, d.Since }).ToListAsync(ct);
        var of = await (from d in db.Delegations.AsNoTracking()
                        join a in db.Accounts.AsNoTracking() on d.HostAccountId equals a.Id
                        where d.DelegateAccountId == account.Id
                        select new { a.Id, a.Email, a.FirstName, a.LastName, d.Since }).ToListAsync(ct);
        return new DelegatesOverview(account,
            delegates.Select(x => new DelegatePerson(x.Id, x.Email, $"{x.FirstName} {x.LastName}".Trim(), x.Since)).OrderBy(p => p.Email, StringComparer.Ordinal).ToList(),
            of.Select(x => new DelegatePerson(x.Id, x.Email, $"{x.FirstName} {x.LastName}".Trim(), x.Since)).OrderBy(p => p.Email, StringComparer.Ordinal).ToList(),
            unknown);
    }

    /// <summary>Active, licensed accounts that could become the host's delegates (never the host nor a current delegate), by search.</summary>
    public async Task<Result<IReadOnlyList<Account>>> CandidatesAsync(Guid accountId, string? search, AdminScope scope, CancellationToken ct = default)
    {
        var found = await FindAsync(accountId, scope, ct);
        if (!found.IsSuccess) return Result<IReadOnlyList<Account>>.Fail(found.Errors);
        var current = db.Delegations.Where(d => d.HostAccountId == accountId).Select(d => d.DelegateAccountId);
        var q = db.Accounts.AsNoTracking().Where(a => a.Id != accountId && a.Status == AccountStatus.Active && a.ZoomUserId != null
                                                      && a.LicenseType == LicenseType.Licensed && !current.Contains(a.Id));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = AccountSearchTerm.Fold(search.Trim());
            q = q.Where(a => a.SearchKey.Contains(term));
        }
        return await q.OrderBy(a => a.Email).Take(MaxCandidates).ToListAsync(ct);
    }

    /// <summary>Adds each email as a delegate of the host; returns one outcome per distinct email, in the order given.</summary>
    public async Task<Result<IReadOnlyList<DelegateOutcome>>> AddAsync(Guid accountId, IReadOnlyList<string> emails, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        // The host must be within the admin's scope before anything about the request is answered.
        var found = await FindAsync(accountId, scope, ct);
        if (!found.IsSuccess) return Result<IReadOnlyList<DelegateOutcome>>.Fail(found.Errors);
        var wanted = Normalize(emails);
        if (wanted.Count == 0) return Error.Validation("delegates.none", "Elegí al menos un delegado.", "emails");
        if (wanted.Count > MaxPerRequest)
            return Error.Validation("delegates.too-many", $"Se pueden agregar hasta {MaxPerRequest} delegados por vez; elegiste {wanted.Count}.", "emails");
        var host = found.Value;
        if (host.Status != AccountStatus.Active || host.ZoomUserId is null)
            return Error.Conflict("delegates.host-not-active", "Solo una cuenta activa puede tener delegados: esta cuenta está pendiente de activación o finalizada.");
        if (host.LicenseType != LicenseType.Licensed)
            return Error.Conflict("delegates.host-basic", "Zoom solo permite delegados en cuentas con licencia: esta cuenta es Básica.");

        var candidates = await db.Accounts.Where(a => wanted.Contains(a.Email)).ToDictionaryAsync(a => a.Email, ct);
        var existing = await db.Delegations.Where(d => d.HostAccountId == host.Id).Select(d => d.DelegateAccountId).ToListAsync(ct);
        var outcomes = new List<DelegateOutcome>();
        foreach (var email in wanted)
        {
            var refusal = Check(host, email, candidates.GetValueOrDefault(email), existing);
            if (refusal is not null) { outcomes.Add(new DelegateOutcome(email, false, refusal)); continue; }
            var candidate = candidates[email];
            var added = await zoom.AddAssistantsAsync(host.ZoomUserId, [candidate.Email], ct);
            if (!added.IsSuccess) { outcomes.Add(new DelegateOutcome(email, false, added.Errors[0])); continue; }
            db.Delegations.Add(new Delegation { HostAccountId = host.Id, DelegateAccountId = candidate.Id, Since = time.GetUtcNow() });
            existing.Add(candidate.Id);
            audit.Record(actor, "delegate.added", $"account:{host.Email}", after: new { Delegate = candidate.Email }, portalId: host.PortalId);
            await db.SaveChangesAsync(ct); // each delegate Zoom accepted is kept even if a later one fails
            outcomes.Add(new DelegateOutcome(email, true, null));
        }
        return outcomes;
    }

    /// <summary>Removes each email from the host's delegates; one outcome per distinct email.</summary>
    public async Task<Result<IReadOnlyList<DelegateOutcome>>> RemoveAsync(Guid accountId, IReadOnlyList<string> emails, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var found = await FindAsync(accountId, scope, ct);
        if (!found.IsSuccess) return Result<IReadOnlyList<DelegateOutcome>>.Fail(found.Errors);
        var wanted = Normalize(emails);
        if (wanted.Count == 0) return Error.Validation("delegates.none", "Elegí al menos un delegado para quitar.", "emails");
        if (wanted.Count > MaxPerRequest)
            return Error.Validation("delegates.too-many", $"Se pueden quitar hasta {MaxPerRequest} delegados por vez; elegiste {wanted.Count}.", "emails");
        var host = found.Value;
        var rows = await (from d in db.Delegations
                          join a in db.Accounts on d.DelegateAccountId equals a.Id
                          where d.HostAccountId == host.Id
                          select new { Row = d, Account = a }).ToListAsync(ct);
        var outcomes = new List<DelegateOutcome>();
        foreach (var email in wanted)
        {
            var row = rows.FirstOrDefault(r => r.Account.Email == email);
            if (row is null)
            {
                outcomes.Add(new DelegateOutcome(email, false, Error.NotFound("delegates.not-a-delegate", $"{email} no es delegado de {host.Email}.")));
                continue;
            }
            if (host.ZoomUserId is { } hostZoom && row.Account.ZoomUserId is { } delegateZoom)
            {
                var removed = await zoom.RemoveAssistantAsync(hostZoom, delegateZoom, ct);
                // Already gone in Zoom (removed there, or the user left): the row goes too.
                if (!removed.IsSuccess && removed.Errors[0].Code != ProviderErrorCodes.UserNotFound)
                {
                    outcomes.Add(new DelegateOutcome(email, false, removed.Errors[0]));
                    continue;
                }
            }
            db.Delegations.Remove(row.Row);
            audit.Record(actor, "delegate.removed", $"account:{host.Email}", before: new { Delegate = email }, portalId: host.PortalId);
            await db.SaveChangesAsync(ct);
            outcomes.Add(new DelegateOutcome(email, true, null));
        }
        return outcomes;
    }

    private static Error? Check(Account host, string email, Account? candidate, List<Guid> existing)
    {
        if (AccountRules.ValidateEmail(email) is { } invalid) return invalid with { Message = $"«{email}» no es un correo válido." };
        if (candidate is null)
            return Error.NotFound("delegates.unknown", $"{email} no es una cuenta de Aulario: el delegado tiene que ser una cuenta activa de la institución.");
        if (candidate.Id == host.Id) return Error.Validation("delegates.self", "Una cuenta no puede ser su propio delegado.", "emails");
        if (existing.Contains(candidate.Id)) return Error.Conflict("delegates.already", $"{email} ya es delegado de {host.Email}.");
        return candidate.Status switch
        {
            AccountStatus.Finalized => Error.Conflict("delegates.candidate-finalized", $"{email} está finalizada: solo una cuenta activa puede ser delegado."),
            AccountStatus.Pending => Error.Conflict("delegates.candidate-pending", $"{email} todavía no activó su cuenta de Zoom: podrá ser delegado cuando la active."),
            _ when candidate.ZoomUserId is null => Error.Conflict("delegates.candidate-no-zoom", $"{email} no tiene usuario de Zoom."),
            _ when candidate.LicenseType != LicenseType.Licensed => Error.Conflict("delegates.candidate-basic",
                $"{email} tiene licencia Básica: Zoom solo permite delegados con licencia."),
            _ => null,
        };
    }

    /// <summary>Makes the table match Zoom's list for the host; returns the assistants Zoom lists that Aulario does not know.</summary>
    private async Task<List<string>> SyncAsync(Account host, IReadOnlyList<ProviderAssistant> assistants, Actor actor, CancellationToken ct)
    {
        var ids = assistants.Select(a => a.Id).Where(i => i.Length > 0).ToList();
        var emails = assistants.Select(a => a.Email.ToLowerInvariant()).Where(e => e.Length > 0).ToList();
        var known = await db.Accounts.Where(a => (a.ZoomUserId != null && ids.Contains(a.ZoomUserId)) || emails.Contains(a.Email))
            .Select(a => new { a.Id, a.Email, a.ZoomUserId }).ToListAsync(ct);
        var rows = await db.Delegations.Where(d => d.HostAccountId == host.Id).ToListAsync(ct);
        var inZoom = known.Select(k => k.Id).ToHashSet();
        var added = new List<string>();
        var removed = new List<string>();
        foreach (var k in known.Where(k => rows.All(r => r.DelegateAccountId != k.Id)))
        {
            db.Delegations.Add(new Delegation { HostAccountId = host.Id, DelegateAccountId = k.Id, Since = time.GetUtcNow() });
            added.Add(k.Email);
        }
        foreach (var r in rows.Where(r => !inZoom.Contains(r.DelegateAccountId)))
        {
            db.Delegations.Remove(r);
            removed.Add(r.DelegateAccountId.ToString("D"));
        }
        if (added.Count > 0 || removed.Count > 0)
        {
            audit.Record(actor, "delegates.refreshed", $"account:{host.Email}", new { Removed = removed }, new { Added = added }, host.PortalId);
            await db.SaveChangesAsync(ct);
        }
        var knownKeys = known.SelectMany(k => new[] { k.Email, k.ZoomUserId ?? "" }).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return assistants.Where(a => !knownKeys.Contains(a.Id) && !knownKeys.Contains(a.Email)).Select(a => a.Email).ToList();
    }

    private static List<string> Normalize(IReadOnlyList<string> emails) =>
        emails.SelectMany(e => (e ?? "").Split([',', ';', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private async Task<Result<Account>> FindAsync(Guid id, AdminScope scope, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return account is not null && scope.Allows(account.PortalId)
            ? account
            : Error.NotFound("account.not-found", "La cuenta no existe o no está a tu alcance.");
    }
}
