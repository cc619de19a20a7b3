using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Accounts;

public enum AccountFilter { All, Active, Pending, Finalized }

public enum AccountSort { Email, Name, Status, LicenseType, LastSignIn, Created }

public sealed record AccountListQuery(
    AccountFilter Filter = AccountFilter.All,
    string? Search = null,
    AccountSort Sort = AccountSort.Email,
    bool Descending = false,
    int PageNumber = 1,
    int PageSize = 50);

public sealed record AccountCounts(int Active, int Pending, int Finalized)
{
    public int All => Active + Pending + Finalized;
}

public sealed record AccountListResult(Page<Account> Page, AccountCounts Counts);

/// <summary>Reads accounts for the list, the export and the edit page, always within the admin's scope.</summary>
public sealed class AccountQueries(IAularioDb db)
{
    public const int MaxPageSize = 200;

    public async Task<AccountListResult> ListAsync(AccountListQuery query, AdminScope scope, CancellationToken ct = default)
    {
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var number = Math.Max(1, query.PageNumber);
        var term = SearchTerm(query.Search);
        var totals = term is null ? await StoredCountsAsync(scope, ct) : await SearchCountsAsync(term, scope, ct);
        var total = query.Filter switch
        {
            AccountFilter.Active => totals.Active,
            AccountFilter.Pending => totals.Pending,
            AccountFilter.Finalized => totals.Finalized,
            AccountFilter.All => totals.All,
        };
        var skip = (number - 1) * size;
        var filtered = Filtered(Scoped(scope, term), query.Filter);
        List<Account> items;
        if (total <= skip) items = [];
        else if (skip <= total / 2) items = await Sorted(filtered, query).Skip(skip).Take(size).AsNoTracking().ToListAsync(ct);
        else
        {
            // Past the middle, walk from the other end (every sort reverses exactly, tie-breaker included): OFFSET never
            // skips more than half of the rows, so the last page costs what the first does.
            var take = Math.Min(size, total - skip);
            var fromEnd = total - skip - take;
            items = await Sorted(filtered, query with { Descending = !query.Descending }).Skip(fromEnd).Take(take).AsNoTracking().ToListAsync(ct);
            items.Reverse();
        }
        return new AccountListResult(new Page<Account>(items, number, size, total), totals);
    }

    /// <summary>Without a search the counts are the trigger-kept counters (a handful of rows, whatever the number of accounts).</summary>
    private async Task<AccountCounts> StoredCountsAsync(AdminScope scope, CancellationToken ct)
    {
        var counters = scope.AllPortals ? db.AccountStatusCounts : db.AccountStatusCounts.Where(c => scope.PortalIds.Contains(c.PortalKey));
        var rows = await counters.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
        return ToCounts(rows.Select(r => (r.Key, r.Count)));
    }

    /// <summary>With a search, one grouped count over the matches (served by the substring index) gives every status's count.</summary>
    private async Task<AccountCounts> SearchCountsAsync(string term, AdminScope scope, CancellationToken ct)
    {
        var rows = await Scoped(scope, term).GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return ToCounts(rows.Select(r => (r.Key, r.Count)));
    }

    private static AccountCounts ToCounts(IEnumerable<(AccountStatus Status, int Count)> rows)
    {
        var list = rows.ToList();
        int Count(AccountStatus s) => list.Where(c => c.Status == s).Sum(c => c.Count);
        return new AccountCounts(Count(AccountStatus.Active), Count(AccountStatus.Pending), Count(AccountStatus.Finalized));
    }

    /// <summary>Every account of the filter, streamed (for CSV export), in the list's order.</summary>
    public IAsyncEnumerable<Account> ExportAsync(AccountListQuery query, AdminScope scope) =>
        Sorted(Filtered(Scoped(scope, SearchTerm(query.Search)), query.Filter), query).AsNoTracking().AsAsyncEnumerable();

    public async Task<Result<Account>> GetAsync(Guid id, AdminScope scope, CancellationToken ct = default)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
        return account is not null && scope.Allows(account.PortalId)
            ? account
            : Error.NotFound("account.not-found", "La cuenta no existe o no está a tu alcance.");
    }

    /// <summary>The search as the search key stores it (trimmed, lower-case), or null for none.</summary>
    private static string? SearchTerm(string? search) =>
        string.IsNullOrWhiteSpace(search) ? null : search.Trim().ToLowerInvariant();

    private IQueryable<Account> Scoped(AdminScope scope, string? term)
    {
        var q = term is null ? db.Accounts : db.AccountsContaining(term);
        return scope.AllPortals ? q : q.Where(a => a.PortalId != null && scope.PortalIds.Contains(a.PortalId.Value));
    }

    private static IQueryable<Account> Filtered(IQueryable<Account> q, AccountFilter filter) => filter switch
    {
        AccountFilter.Active => q.Where(a => a.Status == AccountStatus.Active),
        AccountFilter.Pending => q.Where(a => a.Status == AccountStatus.Pending),
        AccountFilter.Finalized => q.Where(a => a.Status == AccountStatus.Finalized),
        AccountFilter.All => q,
    };

    // Descending sorts reverse the tie-breaker too, so each is a backward walk of the same index.
    private static IQueryable<Account> Sorted(IQueryable<Account> q, AccountListQuery query) => (query.Sort, query.Descending) switch
    {
        (AccountSort.Email, false) => q.OrderBy(a => a.Email),
        (AccountSort.Email, true) => q.OrderByDescending(a => a.Email),
        (AccountSort.Name, false) => q.OrderBy(a => a.LastName).ThenBy(a => a.FirstName).ThenBy(a => a.Email),
        (AccountSort.Name, true) => q.OrderByDescending(a => a.LastName).ThenByDescending(a => a.FirstName).ThenByDescending(a => a.Email),
        (AccountSort.Status, false) => q.OrderBy(a => a.Status).ThenBy(a => a.Email),
        (AccountSort.Status, true) => q.OrderByDescending(a => a.Status).ThenByDescending(a => a.Email),
        (AccountSort.LicenseType, false) => q.OrderBy(a => a.LicenseType).ThenBy(a => a.Email),
        (AccountSort.LicenseType, true) => q.OrderByDescending(a => a.LicenseType).ThenByDescending(a => a.Email),
        // "Never signed in" counts as the oldest on every engine (PostgreSQL and SQLite order NULLs differently).
        (AccountSort.LastSignIn, false) => q.OrderBy(a => a.LastSignInAt != null).ThenBy(a => a.LastSignInAt).ThenBy(a => a.Email),
        (AccountSort.LastSignIn, true) => q.OrderByDescending(a => a.LastSignInAt != null).ThenByDescending(a => a.LastSignInAt).ThenByDescending(a => a.Email),
        (AccountSort.Created, false) => q.OrderBy(a => a.CreatedAt).ThenBy(a => a.Email),
        (AccountSort.Created, true) => q.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Email),
    };
}
