using Aulario.ZoomSandbox.Users;

namespace Aulario.ZoomSandbox.Settings;

/// <summary>Meeting passcode rules: at most 10 characters of [A-Za-z0-9@-_*] plus the user's meeting_password_requirement.</summary>
internal static class PasscodeRules
{
    public const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@-_*";
    private static readonly string[] Weak = ["123456", "1234567", "12345678", "123456789", "1234567890", "000000", "111111", "password", "qwerty"];

    /// <summary>Why the passcode is refused (a clear English message, as Zoom words them), or null when it is acceptable.</summary>
    public static string? Check(string? passcode, SandboxPasscodeRequirement r)
    {
        if (string.IsNullOrEmpty(passcode)) return "Passcode cannot be empty.";
        if (passcode.Length > 10) return "Passcode may only have a maximum of 10 characters.";
        if (passcode.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal))) return "Passcode can only contain the following characters: [a-z A-Z 0-9 @ - _ *].";
        if (passcode.Length < r.Length) return $"Passcode must be at least {r.Length} characters.";
        if (r.OnlyAllowNumeric && !passcode.All(char.IsAsciiDigit)) return "Passcode can only contain numbers.";
        if (r.HaveLetter && !passcode.Any(char.IsAsciiLetter)) return "Passcode must contain at least one letter.";
        if (r.HaveNumber && !passcode.Any(char.IsAsciiDigit)) return "Passcode must contain at least one number.";
        if (r.HaveSpecialCharacter && !passcode.Any(c => "@-_*".Contains(c, StringComparison.Ordinal))) return "Passcode must contain at least one special character.";
        if (r.HaveUpperAndLowerCharacters && !(passcode.Any(char.IsAsciiLetterUpper) && passcode.Any(char.IsAsciiLetterLower))) return "Passcode must contain both uppercase and lowercase letters.";
        if (r.ConsecutiveCharactersLength > 0 && CharacterRuns.Has(passcode, r.ConsecutiveCharactersLength)) return $"Passcode cannot contain {r.ConsecutiveCharactersLength} or more consecutive characters.";
        if (r.WeakEnhanceDetection && (Weak.Contains(passcode, StringComparer.OrdinalIgnoreCase) || passcode.Distinct().Count() == 1)) return "Passcode is too weak (easy to guess).";
        return null;
    }
}
