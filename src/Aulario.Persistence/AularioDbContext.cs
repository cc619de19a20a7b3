using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Core.Mail;
using Aulario.Core.Portals;
using Aulario.Persistence.Accounts;
using Aulario.Persistence.Configurations;
using Aulario.Persistence.Conventions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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

    /// <inheritdoc cref="IAularioDb.AccountsMatching"/>
    public abstract IQueryable<Account> AccountsMatching(AccountSearchTerm term);

    /// <inheritdoc cref="IAularioDb.CountAccountsMatchingAsync"/>
    public virtual async Task<AccountCounts> CountAccountsMatchingAsync(AccountSearchTerm term, AdminScope scope, CancellationToken ct)
    {
        var rows = await AccountListing.Scoped(AccountsMatching(term), scope).GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return AccountListing.ToCounts(rows.Select(r => (r.Key, r.Count)));
    }

    /// <inheritdoc cref="IAularioDb.PageAccountsMatchingAsync"/>
    public virtual Task<List<Account>> PageAccountsMatchingAsync(AccountSearchTerm term, AccountPageRequest page, AdminScope scope, CancellationToken ct) =>
        AccountListing.Sorted(AccountListing.Filtered(AccountListing.Scoped(AccountsMatching(term), scope), page.Filter), page.Sort, page.Descending)
            .Skip(page.Skip).Take(page.Take).AsNoTracking().ToListAsync(ct);

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
    /// Substrings of 3+ characters through the FTS5 trigram index "AccountSearch" (case-sensitive trigrams over the already
    /// lower-case key: exactly the substring test), word prefixes through the FTS5 word index "AccountWords" (prefix index for 1–2
    /// characters), both fed by triggers through "AccountSearchKeys" (whose INTEGER PRIMARY KEY survives VACUUM). Short terms
    /// with punctuation scan. The list counts and pages over the key rows instead (<see cref="SqliteAccountSearch"/>).
    /// </summary>
    public override IQueryable<Account> AccountsMatching(AccountSearchTerm term)
    {
        if (term.Kind == AccountSearchKind.WordPrefix)
        {
            var match = SqliteAccountSearch.WordPrefix(term.Text);
            var words = Database.SqlQuery<Guid>(
                $"SELECT k.\"AccountId\" AS \"Value\" FROM \"AccountWords\" AS w JOIN \"AccountSearchKeys\" AS k ON k.\"Id\" = w.rowid WHERE w.\"AccountWords\" MATCH {match}");
            return Accounts.Where(a => words.Contains(a.Id));
        }
        var contains = Accounts.Where(a => a.SearchKey.Contains(term.Text));
        if (term.Text.EnumerateRunes().Count() < AccountSearchTerm.SubstringMinLength) return contains;
        var phrase = SqliteAccountSearch.Phrase(term.Text);
        var ids = Database.SqlQuery<Guid>(
            $"SELECT k.\"AccountId\" AS \"Value\" FROM \"AccountSearchKeys\" AS k WHERE k.\"Id\" IN (SELECT rowid FROM \"AccountSearch\" WHERE \"AccountSearch\" MATCH {phrase})");
        return contains.Where(a => ids.Contains(a.Id));
    }

    public override Task<AccountCounts> CountAccountsMatchingAsync(AccountSearchTerm term, AdminScope scope, CancellationToken ct) =>
        SqliteAccountSearch.CountAsync(this, term, scope, ct);

    public override Task<List<Account>> PageAccountsMatchingAsync(AccountSearchTerm term, AccountPageRequest page, AdminScope scope, CancellationToken ct) =>
        SqliteAccountSearch.PageAsync(this, term, page, scope, ct);

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
    /// <summary>
    /// Substrings: LIKE '%term%' (escaped), which the pg_trgm GIN index on "SearchKey" serves; case-sensitive over the lower-case
    /// key. Word prefixes: the tsvector of the key's words (punctuation of emails made spaces, so words are the runs of letters and
    /// digits, as SQLite's FTS5 sees them) against a prefix query, served by the GIN expression index of AccountListSql.
    /// </summary>
    public override IQueryable<Account> AccountsMatching(AccountSearchTerm term)
    {
        if (term.Kind == AccountSearchKind.WordPrefix)
        {
            // OFFSET 0 keeps the planner from flattening the match into a walk of a sort index that evaluates to_tsvector() on
            // every row it passes (hundreds of ms at 100,000 accounts): the GIN index gives the matches, then they are sorted.
            return Accounts.FromSqlRaw("SELECT * FROM (SELECT * FROM \"Accounts\" WHERE " + AccountListSql.PostgresWords +
                " @@ to_tsquery('simple'::regconfig, {0}) OFFSET 0) AS m", WordQuery(term));
        }
        return Accounts.Where(a => EF.Functions.Like(a.SearchKey, LikePattern(term), "\\"));
    }

    /// <summary>
    /// Searches page through <see cref="PostgresAccountSearch"/>: a bounded walk of the sort index for the first pages of many
    /// matches, else the matches sorted behind an OFFSET 0 fence. Left to itself the planner walks a sort index and filters each
    /// row, which costs as many rows as lie before the first matches in that order: 88,888 rows (116 ms) for "aula4" by name at
    /// 100,000 accounts. Beyond <see cref="SortMatchesUpTo"/> substring matches, walking is cheap (matches are everywhere) and
    /// the planner chooses.
    /// </summary>
    public override async Task<List<Account>> PageAccountsMatchingAsync(AccountSearchTerm term, AccountPageRequest page, AdminScope scope, CancellationToken ct) =>
        await PostgresAccountSearch.PageAsync(this, LikePattern(term), term.Kind == AccountSearchKind.WordPrefix ? WordQuery(term) : null, SortMatchesUpTo,
            page, scope, ct)
        ?? await base.PageAccountsMatchingAsync(term, page, scope, ct);

    /// <summary>
    /// A word search's counts from the trigger-kept prefix counters (migration AccountPrefixCounts: a word search is 1 or 2
    /// characters, exactly the prefixes counted); substring searches count their matches.
    /// </summary>
    public override async Task<AccountCounts> CountAccountsMatchingAsync(AccountSearchTerm term, AdminScope scope, CancellationToken ct)
    {
        if (term.Kind != AccountSearchKind.WordPrefix) return await base.CountAccountsMatchingAsync(term, scope, ct);
        if (!scope.AllPortals && scope.PortalIds.Count == 0) return new AccountCounts(0, 0, 0);
        var portals = scope.AllPortals ? "" : " AND \"PortalKey\" = ANY(@portals)";
        var parameters = new List<NpgsqlParameter> { new("prefix", term.Text) };
        if (!scope.AllPortals)
            parameters.Add(new NpgsqlParameter("portals", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = scope.PortalIds.ToArray() });
        var sql = "SELECT \"Status\", sum(\"Count\")::int AS \"Count\" FROM \"AccountPrefixCounts\" WHERE \"Prefix\" = @prefix" + portals + " GROUP BY \"Status\"";
        var rows = await Database.SqlQueryRaw<PrefixCount>(sql, [.. parameters]).ToListAsync(ct);
        return AccountListing.ToCounts(rows.Select(r => ((AccountStatus)r.Status, r.Count)));
    }

    private sealed class PrefixCount
    {
        public int Status { get; set; }
        public int Count { get; set; }
    }

    /// <summary>A prefix query for one word (quotes doubled, backslashes escaped, as to_tsquery reads them).</summary>
    private static string WordQuery(AccountSearchTerm term) =>
        "'" + term.Text.Replace("'", "''", StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal) + "':*";

    private const int SortMatchesUpTo = 20_000;

    private static string LikePattern(AccountSearchTerm term) =>
        "%" + term.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

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
