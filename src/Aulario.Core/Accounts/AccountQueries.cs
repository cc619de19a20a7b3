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
        var scoped = Scoped(scope);
        // One grouped count gives both the per-status counts and the filter's total (no second COUNT scan).
        var searchOnly = Filtered(scoped, query with { Filter = AccountFilter.All });
        var counts = await searchOnly.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(AccountStatus s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;
        var totals = new AccountCounts(Count(AccountStatus.Active), Count(AccountStatus.Pending), Count(AccountStatus.Finalized));
        var total = query.Filter switch
        {
            AccountFilter.Active => totals.Active,
            AccountFilter.Pending => totals.Pending,
            AccountFilter.Finalized => totals.Finalized,
            AccountFilter.All => totals.All,
        };
        var items = await Sorted(Filtered(scoped, query), query).Skip((number - 1) * size).Take(size).AsNoTracking().ToListAsync(ct);
        return new AccountListResult(new Page<Account>(items, number, size, total), totals);
    }

    /// <summary>Every account of the filter, streamed (for CSV export), in the list's order.</summary>
    public IAsyncEnumerable<Account> ExportAsync(AccountListQuery query, AdminScope scope) =>
        Sorted(Filtered(Scoped(scope), query), query).AsNoTracking().AsAsyncEnumerable();

    public async Task<Result<Account>> GetAsync(Guid id, AdminScope scope, CancellationToken ct = default)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
        return account is not null && scope.Allows(account.PortalId)
            ? account
            : Error.NotFound("account.not-found", "La cuenta no existe o no está a tu alcance.");
    }

    private IQueryable<Account> Scoped(AdminScope scope) =>
        scope.AllPortals ? db.Accounts : db.Accounts.Where(a => a.PortalId != null && scope.PortalIds.Contains(a.PortalId.Value));

    private static IQueryable<Account> Filtered(IQueryable<Account> q, AccountListQuery query)
    {
        q = query.Filter switch
        {
            AccountFilter.Active => q.Where(a => a.Status == AccountStatus.Active),
            AccountFilter.Pending => q.Where(a => a.Status == AccountStatus.Pending),
            AccountFilter.Finalized => q.Where(a => a.Status == AccountStatus.Finalized),
            AccountFilter.All => q,
        };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            q = q.Where(a => a.SearchKey.Contains(term));
        }
        return q;
    }

    private static IQueryable<Account> Sorted(IQueryable<Account> q, AccountListQuery query) => (query.Sort, query.Descending) switch
    {
        (AccountSort.Email, false) => q.OrderBy(a => a.Email),
        (AccountSort.Email, true) => q.OrderByDescending(a => a.Email),
        (AccountSort.Name, false) => q.OrderBy(a => a.LastName).ThenBy(a => a.FirstName).ThenBy(a => a.Email),
        (AccountSort.Name, true) => q.OrderByDescending(a => a.LastName).ThenByDescending(a => a.FirstName).ThenBy(a => a.Email),
        (AccountSort.Status, false) => q.OrderBy(a => a.Status).ThenBy(a => a.Email),
        (AccountSort.Status, true) => q.OrderByDescending(a => a.Status).ThenBy(a => a.Email),
        (AccountSort.LicenseType, false) => q.OrderBy(a => a.LicenseType).ThenBy(a => a.Email),
        (AccountSort.LicenseType, true) => q.OrderByDescending(a => a.LicenseType).ThenBy(a => a.Email),
        // "Never signed in" counts as the oldest on every engine (PostgreSQL and SQLite order NULLs differently).
        (AccountSort.LastSignIn, false) => q.OrderBy(a => a.LastSignInAt != null).ThenBy(a => a.LastSignInAt).ThenBy(a => a.Email),
        (AccountSort.LastSignIn, true) => q.OrderByDescending(a => a.LastSignInAt != null).ThenByDescending(a => a.LastSignInAt).ThenBy(a => a.Email),
        (AccountSort.Created, false) => q.OrderBy(a => a.CreatedAt).ThenBy(a => a.Email),
        (AccountSort.Created, true) => q.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Email),
    };
}
