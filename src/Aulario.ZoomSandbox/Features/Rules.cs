using System.Net.Mail;

namespace Aulario.ZoomSandbox.Features;

/// <summary>Zoom's validation rules as the sandbox applies them.</summary>
internal static class Rules
{
    private static readonly string[] Common = ["password", "password1", "qwerty123", "zoom1234", "12345678", "Password1", "Passw0rd"];

    public static bool IsEmail(string? email) =>
        email is { Length: > 0 and <= 128 } && MailAddress.TryCreate(email, out var a) && a.Address == email && email.Contains('.', StringComparison.Ordinal);

    /// <summary>Zoom's password codes 1124–1136 (default complexity), or 300 for the length cap.</summary>
    public static (int Code, string Message)? Password(string? password)
    {
        if (password is null || password.Length < 8) return (1124, "Have at least 8 characters.");
        if (password.Length >= 32) return (300, "Password must be less than 32 characters.");
        if (!password.Any(char.IsLetter)) return (1125, "Have at least 1 letter (a, b, c...).");
        if (!password.Any(char.IsDigit)) return (1126, "Have at least 1 number (1, 2, 3...).");
        if (!(password.Any(char.IsUpper) && password.Any(char.IsLower))) return (1128, "Include both uppercase and lowercase letters.");
        if (password.Distinct().Count() == 1) return (1130, "Password cannot contain only one identical character.");
        if (HasRun(password, 6)) return (1131, "Password cannot contain consecutive characters, such as \"abcdef\" or \"123456\".");
        if (Common.Contains(password, StringComparer.OrdinalIgnoreCase)) return (1136, "Password is too easy to guess.");
        return null;
    }

    public const string PasscodeAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@-_*";

    /// <summary>Meeting passcode rules: ≤10 of [A-Za-z0-9@-_*] plus the user's meeting_password_requirement.</summary>
    public static string? Passcode(string? passcode, SandboxPasscodeRequirement r)
    {
        if (string.IsNullOrEmpty(passcode)) return "Passcode cannot be empty.";
        if (passcode.Length > 10) return "Passcode may only have a maximum of 10 characters.";
        if (passcode.Any(c => !PasscodeAlphabet.Contains(c, StringComparison.Ordinal))) return "Passcode can only contain the following characters: [a-z A-Z 0-9 @ - _ *].";
        if (passcode.Length < r.Length) return $"Passcode must be at least {r.Length} characters.";
        if (r.OnlyAllowNumeric && !passcode.All(char.IsAsciiDigit)) return "Passcode can only contain numbers.";
        if (r.HaveLetter && !passcode.Any(char.IsAsciiLetter)) return "Passcode must contain at least one letter.";
        if (r.HaveNumber && !passcode.Any(char.IsAsciiDigit)) return "Passcode must contain at least one number.";
        if (r.HaveSpecialCharacter && !passcode.Any(c => "@-_*".Contains(c, StringComparison.Ordinal))) return "Passcode must contain at least one special character.";
        if (r.HaveUpperAndLowerCharacters && !(passcode.Any(char.IsAsciiLetterUpper) && passcode.Any(char.IsAsciiLetterLower))) return "Passcode must contain both uppercase and lowercase letters.";
        if (r.ConsecutiveCharactersLength > 0 && HasRun(passcode, r.ConsecutiveCharactersLength)) return $"Passcode cannot contain {r.ConsecutiveCharactersLength} consecutive characters.";
        return null;
    }

    private static bool HasRun(string text, int run)
    {
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
