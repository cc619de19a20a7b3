using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Core.Mail;
using Aulario.Core.Portals;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    Task<int> IAularioDb.SaveChangesAsync(CancellationToken ct) => SaveChangesAsync(ct);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AularioDbContext).Assembly);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(128);
        builder.Entity<AppUser>().Property(u => u.Culture).HasMaxLength(16);
    }
}

public sealed class SqliteAularioDbContext(DbContextOptions<SqliteAularioDbContext> options) : AularioDbContext(options)
{
    /// <summary>SQLite cannot compare or sort DateTimeOffset; Aulario stores UTC only, so ticks sort correctly.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresAularioDbContext(DbContextOptions<PostgresAularioDbContext> options) : AularioDbContext(options);
