using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Core.Mail;
using Aulario.Core.Portals;
using Aulario.Persistence.Conventions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Persistence;

/// <summary>
/// Aulario's database. Provider-specific subclasses (<see cref="SqliteAularioDbContext"/>,
/// <see cref="PostgresAularioDbContext"/>) exist so each engine keeps its own migrations (ADR 0002).
/// </summary>
public abstract class AularioDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options), IAularioDb, IDataProtectionKeyContext
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Portal> Portals => Set<Portal>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Classroom> Classrooms => Set<Classroom>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<OutboxMail> OutboxMails => Set<OutboxMail>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobItem> JobItems => Set<JobItem>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<Aulario.Core.Reconcile.ReconcileRun> ReconcileRuns => Set<Aulario.Core.Reconcile.ReconcileRun>();
    public DbSet<Aulario.Core.Security.SecuritySettings> SecuritySettings => Set<Aulario.Core.Security.SecuritySettings>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AdminPortal> AdminPortals => Set<AdminPortal>();
    public DbSet<Aulario.Core.Delegates.Delegation> Delegations => Set<Aulario.Core.Delegates.Delegation>();

    Task<int> IAularioDb.SaveChangesAsync(CancellationToken ct) => SaveChangesAsync(ct);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StoreRules.Apply(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StoreRules.Apply(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AularioDbContext).Assembly);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(128);
        builder.Entity<AppUser>().Property(u => u.Culture).HasMaxLength(16);
        builder.Entity<AppUser>().HasIndex(u => u.AccountId).IsUnique();
        builder.Entity<AppUser>().HasOne<Account>().WithMany().HasForeignKey(u => u.AccountId).OnDelete(DeleteBehavior.SetNull);
        builder.Entity<AdminPortal>(e =>
        {
            e.HasKey(a => new { a.UserId, a.PortalId });
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Portal>().WithMany().HasForeignKey(a => a.PortalId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => a.PortalId);
        });
    }
}

public sealed class SqliteAularioDbContext(DbContextOptions<SqliteAularioDbContext> options) : AularioDbContext(options)
{
    /// <summary>SQLite cannot compare or sort DateTimeOffset: store UTC ticks, which sort as the instants do.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class PostgresAularioDbContext(DbContextOptions<PostgresAularioDbContext> options) : AularioDbContext(options)
{
    /// <summary>Npgsql writes only UTC DateTimeOffsets to timestamptz: convert, so any offset works as it does on SQLite.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
