using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Persistence.Configurations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Persistence.Accounts;

/// <summary>
/// The accounts search on SQLite, over "AccountSearchKeys": one narrow row per account (INTEGER key, status, portal and every
/// column the list sorts by, kept by triggers; see AccountListSql) indexed by two FTS5 tables, "AccountSearch" (trigrams:
/// substrings) and "AccountWords" (words, with a 1–2 character prefix index). Counting and sorting the matches happen there:
/// each match is one rowid lookup in a small row instead of two lookups (text key, then row) in "Accounts"; only the page's
/// rows are read from "Accounts".
/// </summary>
internal static class SqliteAccountSearch
{
    private const string Keys = "\"AccountSearchKeys\"";

    public static async Task<AccountCounts> CountAsync(DbContext db, AccountSearchTerm term, AdminScope scope, CancellationToken ct)
    {
        if (term.Kind == AccountSearchKind.WordPrefix) return await CountWordsAsync(db, term, scope, ct);
        var (source, parameters) = Source(term);
        var where = ScopeCondition(scope, parameters);
        var sql = $"SELECT s.\"Status\" AS \"Status\", count(*) AS \"Count\" FROM ({source}) AS s {(where is null ? "" : "WHERE " + where)} GROUP BY s.\"Status\"";
        var rows = await db.Database.SqlQueryRaw<StatusCountRow>(sql, [.. parameters]).ToListAsync(ct);
        return AccountListing.ToCounts(rows.Select(r => ((AccountStatus)r.Status, r.Count)));
    }

    public static async Task<List<Account>> PageAsync(SqliteAularioDbContext db, AccountSearchTerm term, AccountPageRequest page, AdminScope scope,
        CancellationToken ct)
    {
        var ids = await WalkAsync(db, term, page, scope, ct) ?? await SortAsync(db, term, page, scope, ct);
        if (ids.Count == 0) return [];
        var rows = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        return [.. ids.Where(rows.ContainsKey).Select(id => rows[id])];
    }

    /// <summary>
    /// <see cref="AccountSearchWalk"/> over the key rows' sort indexes (each ends with the status, so the walk reads only the
    /// index), keeping the rows whose key is among the full-text matches. Null when the walk cannot answer the page.
    /// </summary>
    private static async Task<List<Guid>?> WalkAsync(SqliteAularioDbContext db, AccountSearchTerm term, AccountPageRequest page, AdminScope scope,
        CancellationToken ct)
    {
        if (!AccountSearchWalk.Worthwhile(page, scope) || Matches(term) is not { } matches) return null;
        var parameters = new List<SqliteParameter> { new("match", matches.Match), new("budget", AccountSearchWalk.Budget), new("take", page.Take), new("skip", page.Skip) };
        var status = "";
        if (AccountListing.StatusOf(page.Filter) is { } only)
        {
            status = "w.\"Status\" = @status AND ";
            parameters.Add(new SqliteParameter("status", (int)only));
        }
        var sql = $"SELECT (SELECT r.\"AccountId\" FROM {Keys} AS r WHERE r.\"Id\" = w.\"Id\") AS \"Value\" " +
                  $"FROM (SELECT {AccountSearchWalk.SelectList(page.Sort, "k", "Id")} FROM {Keys} AS k ORDER BY {AccountSearchWalk.OrderBy(page.Sort, page.Descending, "k")} LIMIT @budget) AS w " +
                  $"WHERE {status}w.\"Id\" IN (SELECT rowid FROM \"{matches.Table}\" WHERE \"{matches.Table}\" MATCH @match) " +
                  $"ORDER BY {AccountSearchWalk.OrderBy(page.Sort, page.Descending, "w")} LIMIT @take OFFSET @skip";
        var ids = await db.Database.SqlQueryRaw<Guid>(sql, [.. parameters]).ToListAsync(ct);
        return AccountSearchWalk.Answered(page, ids.Count) ? ids : null;
    }

    /// <summary>
    /// A word search's counts from the word index alone: one query per status, each the word prefix and the status's facet (and,
    /// for a portal admin, one of the portals' facets). Trigram searches cannot do the same (their facets would be trigrams too, and
    /// each status would repeat the phrase's work: 14 ms against 9 ms looking the matches up for "garcía").
    /// </summary>
    private static async Task<AccountCounts> CountWordsAsync(DbContext db, AccountSearchTerm term, AdminScope scope, CancellationToken ct)
    {
        var portals = scope.AllPortals ? "" : $" AND Facets : ({string.Join(" OR ", scope.PortalIds.Select(p => $"qqp{p:N}"))})";
        var statuses = Enum.GetValues<AccountStatus>();
        var parameters = statuses.Select(s => new SqliteParameter($"m{(int)s}", $"{WordPrefix(term.Text)} AND Facets : qqs{(int)s}{portals}")).ToArray();
        var sql = string.Join(" UNION ALL ", statuses.Select(s =>
            $"SELECT {(int)s} AS \"Status\", (SELECT count(*) FROM \"AccountWords\" WHERE \"AccountWords\" MATCH @m{(int)s}) AS \"Count\""));
        var rows = scope.AllPortals || scope.PortalIds.Count > 0
            ? await db.Database.SqlQueryRaw<StatusCountRow>(sql, parameters).ToListAsync(ct)
            : [];
        return AccountListing.ToCounts(rows.Select(r => ((AccountStatus)r.Status, r.Count)));
    }

    /// <summary>The full-text table and query whose rowids are exactly the matching key rows (none for short terms with punctuation).</summary>
    private static (string Table, string Match)? Matches(AccountSearchTerm term) =>
        term.Kind == AccountSearchKind.WordPrefix ? ("AccountWords", WordPrefix(term.Text))
        : term.Text.EnumerateRunes().Count() >= AccountSearchTerm.SubstringMinLength ? ("AccountSearch", Phrase(term.Text))
        : null;

    /// <summary>Every match, sorted by the key rows' copies of the sort columns.</summary>
    private static async Task<List<Guid>> SortAsync(SqliteAularioDbContext db, AccountSearchTerm term, AccountPageRequest page, AdminScope scope,
        CancellationToken ct)
    {
        var (source, parameters) = Source(term);
        var conditions = new List<string>();
        if (ScopeCondition(scope, parameters) is { } inScope) conditions.Add(inScope);
        if (AccountListing.StatusOf(page.Filter) is { } status)
        {
            conditions.Add("s.\"Status\" = @status");
            parameters.Add(new SqliteParameter("status", (int)status));
        }
        parameters.Add(new SqliteParameter("take", page.Take));
        parameters.Add(new SqliteParameter("skip", page.Skip));
        var sql = $"SELECT s.\"AccountId\" AS \"Value\" FROM ({source}) AS s {(conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions))} " +
                  $"ORDER BY {AccountSearchWalk.OrderBy(page.Sort, page.Descending, "s")} LIMIT @take OFFSET @skip";
        return await db.Database.SqlQueryRaw<Guid>(sql, [.. parameters]).ToListAsync(ct);
    }

    /// <summary>The matching key rows: from the trigram index, from the word index, or (short terms with punctuation) a scan.</summary>
    private static (string Sql, List<SqliteParameter> Parameters) Source(AccountSearchTerm term)
    {
        var parameters = new List<SqliteParameter> { new("term", term.Text) };
        if (term.Kind == AccountSearchKind.WordPrefix)
        {
            parameters.Add(new SqliteParameter("match", WordPrefix(term.Text)));
            return ($"SELECT k.* FROM \"AccountWords\" AS w JOIN {Keys} AS k ON k.\"Id\" = w.rowid WHERE w.\"AccountWords\" MATCH @match", parameters);
        }
        if (term.Text.EnumerateRunes().Count() >= AccountSearchTerm.SubstringMinLength)
        {
            // A trigram phrase is exactly the substring; instr() on the small row keeps the result the substring test either way.
            parameters.Add(new SqliteParameter("match", Phrase(term.Text)));
            return ($"SELECT k.* FROM \"AccountSearch\" AS f JOIN {Keys} AS k ON k.\"Id\" = f.rowid WHERE f.\"AccountSearch\" MATCH @match AND instr(k.\"SearchKey\", @term) > 0", parameters);
        }
        return ($"SELECT k.* FROM {Keys} AS k WHERE instr(k.\"SearchKey\", @term) > 0", parameters);
    }

    public static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A word-prefix query of the word index, on its column of words (not the status and portal facets).</summary>
    public static string WordPrefix(string text) => $"{AccountListSql.WordsColumn} : {Phrase(text)}*";

    /// <summary>Portal admins: the key rows carry the portal as EF stores a Guid on SQLite (upper-case text).</summary>
    private static string? ScopeCondition(AdminScope scope, List<SqliteParameter> parameters)
    {
        if (scope.AllPortals) return null;
        parameters.Add(new SqliteParameter("portals", JsonSerializer.Serialize(scope.PortalIds.Select(p => p.ToString().ToUpperInvariant()))));
        return "s.\"PortalKey\" IN (SELECT value FROM json_each(@portals))";
    }

    private sealed class StatusCountRow
    {
        public int Status { get; set; }
        public int Count { get; set; }
    }
}
