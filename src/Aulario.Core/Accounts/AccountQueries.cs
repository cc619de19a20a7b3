using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Core.Accounts;

public enum AccountFilter { All, Active, Pending, Finalized }

public enum AccountSort { Email, Name, Status, LicenseType, LastSignIn, Created }

/// <param name="KnownTotal">
/// The total the previous page of the same list showed (its pager's links carry it), if any. It only lets a search's deep page be
/// read while its matches are counted; the page is read again when the count differs, so it never changes what the page holds.
/// </param>
public sealed record AccountListQuery(
    AccountFilter Filter = AccountFilter.All,
    string? Search = null,
    AccountSort Sort = AccountSort.Email,
    bool Descending = false,
    int PageNumber = 1,
    int PageSize = 50,
    int? KnownTotal = null);

public sealed record AccountCounts(int Active, int Pending, int Finalized)
{
    public int All => Active + Pending + Finalized;
}

public sealed record AccountListResult(Page<Account> Page, AccountCounts Counts);

/// <summary>Reads accounts for the list, the export and the edit page, always within the admin's scope.</summary>
/// <param name="db">The request's unit of work.</param>
/// <param name="scopes">
/// When given, the first pages of a search are read in a second unit of work while the request's counts the matches: both
/// visit every match (thousands for two letters at 100,000 accounts), and neither needs the other's answer there. Deeper pages
/// need the total (pages past the middle are read from the other end), so they are read alongside the count only when the
/// query brings the total its previous page showed (<see cref="AccountListQuery.KnownTotal"/>), and again if the count differs.
/// The page is read on the thread pool: SQLite's "asynchronous" commands run to the end before they return.
/// </param>
public sealed class AccountQueries(IAularioDb db, IServiceScopeFactory? scopes = null)
{
    public const int MaxPageSize = 200;

    /// <summary>Pages of a search that end within this many rows are read alongside the count.</summary>
    public const int ConcurrentPageRows = 500;

    public async Task<AccountListResult> ListAsync(AccountListQuery query, AdminScope scope, CancellationToken ct = default)
    {
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var number = Math.Max(1, query.PageNumber);
        var term = AccountSearchTerm.Parse(query.Search);
        var skip = (number - 1) * size;
        if (term is not null && scopes is not null)
        {
            if (skip + size <= ConcurrentPageRows) return await SearchFirstPagesAsync(query, term, scope, skip, size, number, ct);
            if (query.KnownTotal is { } known && known > skip) return await SearchDeepPageAsync(query, term, scope, skip, size, number, known, ct);
        }
        var totals = term is null ? await StoredCountsAsync(scope, ct) : await db.CountAccountsMatchingAsync(term, scope, ct);
        var total = TotalOf(totals, query.Filter);
        var items = await PageAsync(db, query, term, scope, skip, size, total, ct);
        return new AccountListResult(new Page<Account>(items, number, size, total), totals);
    }

    /// <summary>
    /// The page of <paramref name="total"/> rows. Past the middle it is read from the other end (every sort reverses exactly,
    /// tie-breaker included): OFFSET never skips more than half of the rows, so the last page costs what the first does.
    /// </summary>
    private static async Task<List<Account>> PageAsync(IAularioDb source, AccountListQuery query, AccountSearchTerm? term, AdminScope scope, int skip, int size,
        int total, CancellationToken ct)
    {
        if (total <= skip) return [];
        if (skip <= total / 2) return await SliceAsync(source, query, term, scope, query.Descending, skip, size, total, ct);
        var take = Math.Min(size, total - skip);
        var items = await SliceAsync(source, query, term, scope, !query.Descending, total - skip - take, take, total, ct);
        items.Reverse();
        return items;
    }

    /// <summary>
    /// A deep page of a search read in a second unit of work, as if it had <paramref name="known"/> rows, while the request's
    /// counts them; read again in the request's own if the count says otherwise (accounts added or removed since).
    /// </summary>
    private async Task<AccountListResult> SearchDeepPageAsync(AccountListQuery query, AccountSearchTerm term, AdminScope scope, int skip, int size, int number,
        int known, CancellationToken ct)
    {
        AccountCounts totals;
        List<Account> items;
        await using (var side = scopes!.CreateAsyncScope())
        {
            var sideDb = side.ServiceProvider.GetRequiredService<IAularioDb>();
            var page = Task.Run(() => PageAsync(sideDb, query, term, scope, skip, size, known, ct), ct);
            var counts = db.CountAccountsMatchingAsync(term, scope, ct);
            await Task.WhenAll(page, counts);
            (totals, items) = (await counts, await page);
        }
        var total = TotalOf(totals, query.Filter);
        if (total != known) items = await PageAsync(db, query, term, scope, skip, size, total, ct);
        return new AccountListResult(new Page<Account>(items, number, size, total), totals);
    }

    /// <summary>The count and the page at once, each in its own unit of work (the page is asked for without its total).</summary>
    private async Task<AccountListResult> SearchFirstPagesAsync(AccountListQuery query, AccountSearchTerm term, AdminScope scope, int skip, int size, int number,
        CancellationToken ct)
    {
        await using var side = scopes!.CreateAsyncScope();
        var pageDb = side.ServiceProvider.GetRequiredService<IAularioDb>();
        var page = Task.Run(() => pageDb.PageAccountsMatchingAsync(term, new AccountPageRequest(query.Filter, query.Sort, query.Descending, skip, size, Matches: null), scope, ct), ct);
        var counts = db.CountAccountsMatchingAsync(term, scope, ct);
        await Task.WhenAll(page, counts);
        var totals = await counts;
        return new AccountListResult(new Page<Account>(await page, number, size, TotalOf(totals, query.Filter)), totals);
    }

    private static int TotalOf(AccountCounts totals, AccountFilter filter) => filter switch
    {
        AccountFilter.Active => totals.Active,
        AccountFilter.Pending => totals.Pending,
        AccountFilter.Finalized => totals.Finalized,
        _ => totals.All,
    };

    private static async Task<List<Account>> SliceAsync(IAularioDb source, AccountListQuery query, AccountSearchTerm? term, AdminScope scope, bool descending,
        int skip, int take, int total, CancellationToken ct) =>
        term is null
            ? await AccountListing.Sorted(AccountListing.Filtered(AccountListing.Scoped(source.Accounts, scope), query.Filter), query.Sort, descending)
                .Skip(skip).Take(take).AsNoTracking().ToListAsync(ct)
            : await source.PageAccountsMatchingAsync(term, new AccountPageRequest(query.Filter, query.Sort, descending, skip, take, total), scope, ct);

    /// <summary>Without a search the counts are the trigger-kept counters (a handful of rows, whatever the number of accounts).</summary>
    private async Task<AccountCounts> StoredCountsAsync(AdminScope scope, CancellationToken ct)
    {
        var counters = scope.AllPortals ? db.AccountStatusCounts : db.AccountStatusCounts.Where(c => scope.PortalIds.Contains(c.PortalKey));
        var rows = await counters.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
        return AccountListing.ToCounts(rows.Select(r => (r.Key, r.Count)));
    }

    /// <summary>Every account of the filter, streamed (for CSV export), in the list's order.</summary>
    public IAsyncEnumerable<Account> ExportAsync(AccountListQuery query, AdminScope scope)
    {
        var term = AccountSearchTerm.Parse(query.Search);
        var accounts = AccountListing.Scoped(term is null ? db.Accounts : db.AccountsMatching(term), scope);
        return AccountListing.Sorted(AccountListing.Filtered(accounts, query.Filter), query.Sort, query.Descending).AsNoTracking().AsAsyncEnumerable();
    }

    public async Task<Result<Account>> GetAsync(Guid id, AdminScope scope, CancellationToken ct = default)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
        return account is not null && scope.Allows(account.PortalId)
            ? account
            : Error.NotFound("account.not-found", "La cuenta no existe o no está a tu alcance.");
    }
}
