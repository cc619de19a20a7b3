using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Portals;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Persistence;

/// <summary>
/// Aulario's database. Provider-specific subclasses (<see cref="SqliteAularioDbContext"/>,
/// <see cref="PostgresAularioDbContext"/>) exist only so each engine keeps its own migrations.
/// </summary>
public abstract class AularioDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options), IAularioDb, IDataProtectionKeyContext
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Portal> Portals => Set<Portal>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Aulario.Core.Classrooms.Classroom> Classrooms => Set<Aulario.Core.Classrooms.Classroom>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Aulario.Core.Mail.OutboxMail> OutboxMails => Set<Aulario.Core.Mail.OutboxMail>();
    public DbSet<Aulario.Core.Jobs.Job> Jobs => Set<Aulario.Core.Jobs.Job>();
    public DbSet<Aulario.Core.Jobs.JobItem> JobItems => Set<Aulario.Core.Jobs.JobItem>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    Task<int> IAularioDb.SaveChangesAsync(CancellationToken ct) => SaveChangesAsync(ct);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AularioDbContext).Assembly);
    }
}

public sealed class SqliteAularioDbContext(DbContextOptions<SqliteAularioDbContext> options) : AularioDbContext(options);

public sealed class PostgresAularioDbContext(DbContextOptions<PostgresAularioDbContext> options) : AularioDbContext(options);
