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
/// Accents do not matter: keys and terms are both <see cref="Fold"/>ed, so "perez" finds Pérez and "núñez" finds Nunez.
/// </summary>
public sealed record AccountSearchTerm(string Text, AccountSearchKind Kind)
{
    public const int SubstringMinLength = 3;

    /// <summary>
    /// The accented lower-case letters of Spanish, Portuguese, French, Italian and German names, and the letter each is stored
    /// and searched as (<see cref="PlainLetters"/>, same position). The migration that folded the stored keys uses the same pairs.
    /// </summary>
    public const string AccentedLetters = "áàâäãåéèêëíìîïóòôöõúùûüýÿñç";

    /// <inheritdoc cref="AccentedLetters"/>
    public const string PlainLetters = "aaaaaaeeeeiiiiooooouuuuyync";

    /// <summary>The search as the search key stores it (trimmed, <see cref="Fold"/>ed), or null for none.</summary>
    public static AccountSearchTerm? Parse(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return null;
        var text = Fold(search.Trim());
        var runes = text.EnumerateRunes().ToList();
        var kind = runes.Count < SubstringMinLength && runes.All(Rune.IsLetterOrDigit) ? AccountSearchKind.WordPrefix : AccountSearchKind.Substring;
        return new AccountSearchTerm(text, kind);
    }

    /// <summary>Lower case, composed (a letter typed with a separate accent mark counts as the accented letter), accents removed.</summary>
    public static string Fold(string text)
    {
        var lower = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        if (lower.AsSpan().IndexOfAny(AccentedLetters) < 0) return lower;
        return string.Create(lower.Length, lower, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = AccentedLetters.IndexOf(source[i], StringComparison.Ordinal) is var k and >= 0 ? PlainLetters[k] : source[i];
        });
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
