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
