using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Core.Common;
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
        var (source, parameters) = Source(term);
        var where = ScopeCondition(scope, parameters);
        var sql = $"SELECT s.\"Status\" AS \"Status\", count(*) AS \"Count\" FROM ({source}) AS s {(where is null ? "" : "WHERE " + where)} GROUP BY s.\"Status\"";
        var rows = await db.Database.SqlQueryRaw<StatusCountRow>(sql, [.. parameters]).ToListAsync(ct);
        return AccountListing.ToCounts(rows.Select(r => ((AccountStatus)r.Status, r.Count)));
    }

    public static async Task<List<Account>> PageAsync(SqliteAularioDbContext db, AccountSearchTerm term, AccountPageRequest page, AdminScope scope,
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
                  $"ORDER BY {OrderBy(page.Sort, page.Descending)} LIMIT @take OFFSET @skip";
        var ids = await db.Database.SqlQueryRaw<Guid>(sql, [.. parameters]).ToListAsync(ct);
        if (ids.Count == 0) return [];
        var rows = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        return [.. ids.Where(rows.ContainsKey).Select(id => rows[id])];
    }

    /// <summary>The matching key rows: from the trigram index, from the word index, or (short terms with punctuation) a scan.</summary>
    private static (string Sql, List<SqliteParameter> Parameters) Source(AccountSearchTerm term)
    {
        var parameters = new List<SqliteParameter> { new("term", term.Text) };
        if (term.Kind == AccountSearchKind.WordPrefix)
        {
            parameters.Add(new SqliteParameter("match", Phrase(term.Text) + "*"));
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

    /// <summary>Portal admins: the key rows carry the portal as EF stores a Guid on SQLite (upper-case text).</summary>
    private static string? ScopeCondition(AdminScope scope, List<SqliteParameter> parameters)
    {
        if (scope.AllPortals) return null;
        parameters.Add(new SqliteParameter("portals", JsonSerializer.Serialize(scope.PortalIds.Select(p => p.ToString().ToUpperInvariant()))));
        return "s.\"PortalKey\" IN (SELECT value FROM json_each(@portals))";
    }

    /// <summary>The list's orders (<see cref="AccountListing.Sorted"/>) over the key rows' copies of the same columns.</summary>
    private static string OrderBy(AccountSort sort, bool descending)
    {
        string[] columns = sort switch
        {
            AccountSort.Name => ["s.\"LastName\"", "s.\"FirstName\"", "s.\"Email\""],
            AccountSort.Status => ["s.\"Status\"", "s.\"Email\""],
            AccountSort.LicenseType => ["s.\"LicenseType\"", "s.\"Email\""],
            AccountSort.LastSignIn => ["(s.\"LastSignInAt\" IS NOT NULL)", "s.\"LastSignInAt\"", "s.\"Email\""],
            AccountSort.Created => ["s.\"CreatedAt\"", "s.\"Email\""],
            _ => ["s.\"Email\""],
        };
        var direction = descending ? " DESC" : "";
        return string.Join(", ", columns.Select(c => c + direction));
    }

    private sealed class StatusCountRow
    {
        public int Status { get; set; }
        public int Count { get; set; }
    }
}
