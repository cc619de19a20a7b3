using System.Text;

namespace Aulario.Core.Accounts;

public enum AccountSearchKind
{
    /// <summary>The search key contains the term anywhere (3 characters or more, or any term with punctuation).</summary>
    Substring,
    /// <summary>A word of the search key (a run of letters and digits of the email, first or last name) begins with the term.</summary>
    WordPrefix,
}

/// <summary>
/// What the accounts search looks for. From 3 characters on, any part of the email or name ("ez" inside "pérez" needs 3:
/// "rez"); with 1 or 2 letters or digits, words that begin with them ("ro" finds Romero and rodrigo@…, not "pérez"). Two
/// characters anywhere in 100,000 accounts match most of them and cannot use the engines' trigram indexes; the beginning
/// of a word is what a person typing two letters means, and the engines index it (FTS5 prefix index, PostgreSQL tsvector).
/// A short term with punctuation (say "@x") keeps the substring meaning and is scanned.
/// </summary>
public sealed record AccountSearchTerm(string Text, AccountSearchKind Kind)
{
    public const int SubstringMinLength = 3;

    /// <summary>The search as the search key stores it (trimmed, lower-case), or null for none.</summary>
    public static AccountSearchTerm? Parse(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return null;
        var text = search.Trim().ToLowerInvariant();
        var runes = text.EnumerateRunes().ToList();
        var kind = runes.Count < SubstringMinLength && runes.All(Rune.IsLetterOrDigit) ? AccountSearchKind.WordPrefix : AccountSearchKind.Substring;
        return new AccountSearchTerm(text, kind);
    }

    /// <summary>Whether a search key matches, as the engines decide it (the reference for tests).</summary>
    public bool Matches(string searchKey) => Kind switch
    {
        AccountSearchKind.Substring => searchKey.Contains(Text, StringComparison.Ordinal),
        _ => Words(searchKey).Any(w => w.StartsWith(Text, StringComparison.Ordinal)),
    };

    private static IEnumerable<string> Words(string key)
    {
        var word = new StringBuilder();
        foreach (var rune in key.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune)) { word.Append(rune.ToString()); continue; }
            if (word.Length > 0) { yield return word.ToString(); word.Clear(); }
        }
        if (word.Length > 0) yield return word.ToString();
    }
}
