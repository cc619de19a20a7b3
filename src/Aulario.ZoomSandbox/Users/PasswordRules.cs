namespace Aulario.ZoomSandbox.Users;

/// <summary>Zoom's default password complexity and its error codes 1124–1136 (zoom-api.md §2.7).</summary>
internal static class PasswordRules
{
    private static readonly string[] Common = ["password", "password1", "qwerty123", "zoom1234", "12345678", "Password1", "Passw0rd", "Password123", "Qwerty123"];

    /// <summary>The Zoom error (code, message) for a bad password, or null when it is acceptable.</summary>
    public static (int Code, string Message)? Check(string? password)
    {
        if (password is null || password.Length < 8) return (1124, "Have at least 8 characters.");
        if (password.Length >= 32) return (300, "Password must be less than 32 characters.");
        if (!password.Any(char.IsLetter)) return (1125, "Have at least 1 letter (a, b, c...).");
        if (!password.Any(char.IsDigit)) return (1126, "Have at least 1 number (1, 2, 3...).");
        if (!(password.Any(char.IsUpper) && password.Any(char.IsLower))) return (1128, "Include both uppercase and lowercase letters.");
        if (password.Distinct().Count() == 1) return (1130, "Password cannot contain only one identical character.");
        if (CharacterRuns.Has(password, 6)) return (1131, "Password cannot contain consecutive characters, such as \"abcdef\" or \"123456\".");
        if (Common.Contains(password, StringComparer.OrdinalIgnoreCase)) return (1136, "Password is too easy to guess.");
        return null;
    }
}

/// <summary>Detects runs like "abcdef", "654321" or "aaaaaa".</summary>
internal static class CharacterRuns
{
    public static bool Has(string text, int run)
    {
        if (run <= 1) return run == 1 && text.Length > 0;
        int up = 1, down = 1, same = 1;
        for (var i = 1; i < text.Length; i++)
        {
            up = text[i] == text[i - 1] + 1 ? up + 1 : 1;
            down = text[i] == text[i - 1] - 1 ? down + 1 : 1;
            same = text[i] == text[i - 1] ? same + 1 : 1;
            if (up >= run || down >= run || same >= run) return true;
        }
        return false;
    }
}
