using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Core.Mail;
using Aulario.Core.Portals;
using Aulario.Persistence.Configurations;
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
    public DbSet<PasswordResetLink> PasswordResetLinks => Set<PasswordResetLink>();
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
    public DbSet<AccountStatusCount> AccountStatusCounts => Set<AccountStatusCount>();

    IQueryable<AccountStatusCount> IAularioDb.AccountStatusCounts => AccountStatusCounts.AsNoTracking();

    /// <inheritdoc cref="IAularioDb.AccountsContaining"/>
    public abstract IQueryable<Account> AccountsContaining(string lowerTerm);

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
    /// <summary>
    /// Terms of 3+ characters go through the FTS5 trigram index "AccountSearch" (case-sensitive trigrams over the already
    /// lower-case search key, so it matches exactly what a substring test matches; kept in sync by triggers through
    /// "AccountSearchKeys", whose INTEGER PRIMARY KEY survives VACUUM). Shorter terms cannot use trigrams: plain substring scan.
    /// The substring test is kept on top, so the result is the same either way.
    /// </summary>
    public override IQueryable<Account> AccountsContaining(string lowerTerm)
    {
        var contains = Accounts.Where(a => a.SearchKey.Contains(lowerTerm));
        if (lowerTerm.EnumerateRunes().Count() < 3) return contains;
        var phrase = "\"" + lowerTerm.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var ids = Database.SqlQuery<Guid>(
            $"SELECT k.\"AccountId\" AS \"Value\" FROM \"AccountSearchKeys\" AS k WHERE k.\"Id\" IN (SELECT rowid FROM \"AccountSearch\" WHERE \"AccountSearch\" MATCH {phrase})");
        return contains.Where(a => ids.Contains(a.Id));
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Created by the migration AccountSearchCountsAndResetLinks (AccountListSql): status counters and the search index.
        builder.Entity<Account>().ToTable(t =>
        {
            foreach (var name in AccountListSql.SqliteAccountTriggers) t.HasTrigger(name);
        });
    }

    /// <summary>SQLite cannot compare or sort DateTimeOffset: store UTC ticks, which sort as the instants do.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class PostgresAularioDbContext(DbContextOptions<PostgresAularioDbContext> options) : AularioDbContext(options)
{
    /// <summary>LIKE '%term%' (escaped), which the pg_trgm GIN index on "SearchKey" serves; case-sensitive over the lower-case key.</summary>
    public override IQueryable<Account> AccountsContaining(string lowerTerm)
    {
        var pattern = "%" + lowerTerm.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return Accounts.Where(a => EF.Functions.Like(a.SearchKey, pattern, "\\"));
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        // Created by the migration AccountSearchCountsAndResetLinks (AccountListSql): status counters.
        builder.Entity<Account>().ToTable(t =>
        {
            foreach (var name in AccountListSql.PostgresAccountTriggers) t.HasTrigger(name);
        });
        builder.Entity<Account>().HasIndex(a => a.SearchKey, "IX_Accounts_SearchKey_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }

    /// <summary>Npgsql writes only UTC DateTimeOffsets to timestamptz: convert, so any offset works as it does on SQLite.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
