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
    /// Accounts that match the search (see <see cref="AccountSearchTerm"/>), served by the engine's indexes: substrings of 3+
    /// characters by trigrams (PostgreSQL pg_trgm GIN, SQLite FTS5 trigram), word prefixes by a word index (PostgreSQL tsvector
    /// GIN, SQLite FTS5 prefix index). For streaming (export); the list uses the two methods below.
    /// </summary>
    IQueryable<Account> AccountsMatching(AccountSearchTerm term);
    /// <summary>Per-status counts of the accounts in <paramref name="scope"/> that match the search.</summary>
    Task<AccountCounts> CountAccountsMatchingAsync(AccountSearchTerm term, AdminScope scope, CancellationToken ct);
    /// <summary>One page of the matching accounts in <paramref name="scope"/>, in the list's order.</summary>
    Task<List<Account>> PageAccountsMatchingAsync(AccountSearchTerm term, AccountPageRequest page, AdminScope scope, CancellationToken ct);
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
