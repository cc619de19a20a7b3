using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Jobs;
using Aulario.Core.Mail;
using Aulario.Core.Portals;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Common;

/// <summary>The application's database as use cases see it (ADR 0002: EF Core in Core, no repository layer).</summary>
public interface IAularioDb
{
    DbSet<Account> Accounts { get; }
    DbSet<Portal> Portals { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<Classroom> Classrooms { get; }
    DbSet<Invitation> Invitations { get; }
    DbSet<PasswordResetLink> PasswordResetLinks { get; }
    /// <summary>Per-portal, per-status account counts, kept by triggers (read only).</summary>
    IQueryable<AccountStatusCount> AccountStatusCounts { get; }
    /// <summary>
    /// Accounts whose <see cref="Account.SearchKey"/> contains <paramref name="lowerTerm"/> (already lower-case), served by the
    /// engine's substring index (PostgreSQL pg_trgm GIN, SQLite FTS5 trigram) when the term has 3 or more characters.
    /// </summary>
    IQueryable<Account> AccountsContaining(string lowerTerm);
    DbSet<OutboxMail> OutboxMails { get; }
    DbSet<Job> Jobs { get; }
    DbSet<JobItem> JobItems { get; }
    DbSet<ApiToken> ApiTokens { get; }
    DbSet<WebhookEvent> WebhookEvents { get; }
    DbSet<Aulario.Core.Reconcile.ReconcileRun> ReconcileRuns { get; }
    DbSet<Aulario.Core.Delegates.Delegation> Delegations { get; }
    DbSet<Aulario.Core.Security.SecuritySettings> SecuritySettings { get; }
    Task<int> SaveChangesAsync(CancellationToken ct = default);
}
