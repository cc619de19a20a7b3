using Aulario.Core.Common;

namespace Aulario.Core.Accounts;

/// <summary>
/// One page of the accounts that match a search: the filter, the order, the rows to skip and take, and how many accounts of
/// the filter match, so an engine can choose between sorting the matches and walking a sort index. Null when the page is read
/// while the matches are still being counted (<see cref="AccountQueries"/>: the first pages).
/// </summary>
public sealed record AccountPageRequest(AccountFilter Filter, AccountSort Sort, bool Descending, int Skip, int Take, int? Matches);

/// <summary>The list's scope, filter and orders over any query of accounts (used by the list, the export and the engines).</summary>
public static class AccountListing
{
    public static IQueryable<Account> Scoped(IQueryable<Account> q, AdminScope scope) =>
        scope.AllPortals ? q : q.Where(a => a.PortalId != null && scope.PortalIds.Contains(a.PortalId.Value));

    public static IQueryable<Account> Filtered(IQueryable<Account> q, AccountFilter filter) => filter switch
    {
        AccountFilter.Active => q.Where(a => a.Status == AccountStatus.Active),
        AccountFilter.Pending => q.Where(a => a.Status == AccountStatus.Pending),
        AccountFilter.Finalized => q.Where(a => a.Status == AccountStatus.Finalized),
        _ => q,
    };

    public static AccountStatus? StatusOf(AccountFilter filter) => filter switch
    {
        AccountFilter.Active => AccountStatus.Active,
        AccountFilter.Pending => AccountStatus.Pending,
        AccountFilter.Finalized => AccountStatus.Finalized,
        _ => null,
    };

    // Descending sorts reverse the tie-breaker too, so each is a backward walk of the same index.
    public static IQueryable<Account> Sorted(IQueryable<Account> q, AccountSort sort, bool descending) => (sort, descending) switch
    {
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
        (_, false) => q.OrderBy(a => a.Email),
        (_, true) => q.OrderByDescending(a => a.Email),
    };

    public static AccountCounts ToCounts(IEnumerable<(AccountStatus Status, int Count)> rows)
    {
        var list = rows.ToList();
        int Count(AccountStatus s) => list.Where(c => c.Status == s).Sum(c => c.Count);
        return new AccountCounts(Count(AccountStatus.Active), Count(AccountStatus.Pending), Count(AccountStatus.Finalized));
    }
}
