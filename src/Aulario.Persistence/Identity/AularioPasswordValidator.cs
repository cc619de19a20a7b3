using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Aulario.Persistence;

/// <summary>Messages for the rules <see cref="AularioPasswordValidator"/> adds; the web host supplies them in the UI's language.</summary>
public interface IAularioPasswordErrors
{
    IdentityError PasswordHasPersonalData();
    IdentityError PasswordTooCommon();
}

/// <summary>
/// Aulario's rules on top of Identity's length (12+) and unique-character checks: a password may not contain the account's
/// e-mail, the part before the "@" or the display name, and may not be a very common password — one from a short list, or a
/// common word (contraseña, password, admin, aulario, bienvenido…) with only digits and symbols around it ("Contraseña2026!").
/// Shared by the web host and the CLI, so both create and change passwords alike.
/// </summary>
public sealed class AularioPasswordValidator(IAularioPasswordErrors? errors = null) : IPasswordValidator<AppUser>
{
    public const string PersonalDataCode = "PasswordHasPersonalData";
    public const string TooCommonCode = "PasswordTooCommon";

    /// <summary>Passwords of 12+ characters that lists of leaked passwords rank near the top (compared without case or accents).</summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "123456789012", "1234567890123", "12345678901234", "123456789123", "123123123123", "123456654321", "987654321000",
        "111111111111", "000000000000", "121212121212", "qwertyuiopas", "qwertyuiop12", "qwertyuiop123", "qwerty123456",
        "1q2w3e4r5t6y", "1qaz2wsx3edc", "asdfghjkl123", "zxcvbnm12345", "abcdefghijkl", "abc123456789", "abcd12345678",
        "passwordpassword", "iloveyou1234", "teamo1234567", "holahola1234", "argentina123", "argentina1234",
        "bocajuniors12", "riverplate123", "sanlorenzo123", "racingclub123", "independiente", "estudiantes123",
        "mipassword123", "micontrasena123", "universidad123", "buenosaires123", "cambiarclave123", "cambiame12345",
    };

    /// <summary>Words that, with only digits and symbols around them, make a guessable password.</summary>
    private static readonly string[] CommonWords =
    [
        "contrasena", "password", "passw0rd", "clave", "admin", "administrador", "administrator", "bienvenido", "bienvenida",
        "aulario", "zoom", "qwerty", "universidad", "facultad", "argentina", "usuario", "docente", "profesor", "secreto",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success); // Identity's own rules refuse it
        var failures = new List<IdentityError>();
        var folded = Fold(password);
        if (HasPersonalData(folded, user)) failures.Add(errors?.PasswordHasPersonalData() ?? Spanish(PersonalDataCode,
            "La contraseña no puede contener su correo electrónico ni su nombre."));
        if (IsCommon(folded)) failures.Add(errors?.PasswordTooCommon() ?? Spanish(TooCommonCode,
            "Esa contraseña es demasiado común y fácil de adivinar. Elija una frase que solo usted conozca."));
        return Task.FromResult(failures.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. failures]));
    }

    private static bool HasPersonalData(string folded, AppUser user)
    {
        foreach (var piece in PersonalPieces(user))
            if (piece.Length >= 4 && folded.Contains(piece, StringComparison.Ordinal)) return true;
        return false;
    }

    private static IEnumerable<string> PersonalPieces(AppUser user)
    {
        foreach (var value in new[] { user.Email, user.UserName })
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var email = Fold(value);
            yield return email;
            var at = email.IndexOf('@', StringComparison.Ordinal);
            if (at > 0) yield return email[..at];
        }
        if (!string.IsNullOrWhiteSpace(user.DisplayName)) yield return Fold(user.DisplayName);
    }

    private static bool IsCommon(string folded)
    {
        if (Common.Contains(folded)) return true;
        var core = folded.Trim("0123456789!@#$%&*._-+=?¡¿ ".ToCharArray());
        foreach (var word in CommonWords)
        {
            if (core == word) return true;
            // the word repeated, with digits or symbols around it ("adminadmin2026")
            if (core.Length > word.Length && core.Length % word.Length == 0 && string.Concat(Enumerable.Repeat(word, core.Length / word.Length)) == core) return true;
        }
        return false;
    }

    /// <summary>Lower case, no accents, no spaces: "Contraseña 2026" → "contrasena2026".</summary>
    internal static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && !char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static IdentityError Spanish(string code, string description) => new() { Code = code, Description = description };
}
