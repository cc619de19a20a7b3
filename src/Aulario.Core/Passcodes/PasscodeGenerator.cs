using System.Security.Cryptography;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;

namespace Aulario.Core.Passcodes;

/// <summary>
/// Student passcodes (Zoom meeting passcodes): at most 10 characters of [A-Za-z0-9@-_*], plus the account's
/// meeting_password_requirement. Generated passcodes are random (CSPRNG) and unique per classroom.
/// </summary>
public static class PasscodeGenerator
{
    public const int MaxLength = 10;
    public const string Allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@-_*";
    private const string Letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Specials = "@-_*";

    public static string Generate(PasscodeRequirement rule)
    {
        var length = Math.Clamp(Math.Max(rule.MinLength, 8), 1, MaxLength);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            string candidate;
            if (rule.OnlyAllowNumeric)
            {
                candidate = string.Create(length, 0, (span, _) =>
                {
                    for (var i = 0; i < span.Length; i++) span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
                });
            }
            else
            {
                var pool = Letters + Digits + (rule.HaveSpecialCharacter ? Specials : "");
                var chars = new char[length];
                var i = 0;
                chars[i++] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
                chars[i++] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
                chars[i++] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
                if (rule.HaveSpecialCharacter) chars[i++] = Specials[RandomNumberGenerator.GetInt32(Specials.Length)];
                for (; i < length; i++) chars[i] = pool[RandomNumberGenerator.GetInt32(pool.Length)];
                RandomNumberGenerator.Shuffle(chars.AsSpan());
                candidate = new string(chars);
            }
            if (Validate(candidate, rule) is null) return candidate;
        }
        throw new InvalidOperationException("Could not generate a passcode for the account's rules.");
    }

    /// <summary>Null when the passcode is acceptable; otherwise a validation error in Spanish naming the rule.</summary>
    public static Error? Validate(string? passcode, PasscodeRequirement rule, string field = "passcode")
    {
        if (string.IsNullOrEmpty(passcode))
            return Error.Validation("passcode.required", "Ingresá la contraseña de alumno.", field);
        if (passcode.Length > MaxLength)
            return Error.Validation("passcode.too-long", $"La contraseña de alumno admite hasta {MaxLength} caracteres (tiene {passcode.Length}).", field);
        if (passcode.Any(c => !Allowed.Contains(c, StringComparison.Ordinal)))
            return Error.Validation("passcode.invalid-chars", "La contraseña de alumno solo admite letras sin acentos, números y @ - _ *.", field);
        if (passcode.Length < rule.MinLength)
            return Error.Validation("passcode.too-short", $"La cuenta exige al menos {rule.MinLength} caracteres.", field);
        if (rule.OnlyAllowNumeric && !passcode.All(char.IsAsciiDigit))
            return Error.Validation("passcode.numeric-only", "La cuenta exige una contraseña solo numérica.", field);
        if (rule.HaveLetter && !passcode.Any(char.IsAsciiLetter))
            return Error.Validation("passcode.need-letter", "La cuenta exige al menos una letra.", field);
        if (rule.HaveNumber && !passcode.Any(char.IsAsciiDigit))
            return Error.Validation("passcode.need-number", "La cuenta exige al menos un número.", field);
        if (rule.HaveSpecialCharacter && !passcode.Any(c => Specials.Contains(c, StringComparison.Ordinal)))
            return Error.Validation("passcode.need-special", "La cuenta exige al menos un carácter especial (@ - _ *).", field);
        if (rule.HaveUpperAndLowerCharacters && !(passcode.Any(char.IsAsciiLetterUpper) && passcode.Any(char.IsAsciiLetterLower)))
            return Error.Validation("passcode.need-case", "La cuenta exige mayúsculas y minúsculas.", field);
        if (rule.ConsecutiveCharactersLength > 0 && Secrets.SecretGenerator.HasRun(passcode, rule.ConsecutiveCharactersLength))
            return Error.Validation("passcode.consecutive", $"La contraseña no puede tener {rule.ConsecutiveCharactersLength} caracteres consecutivos (como 1234 o aaaa).", field);
        return null;
    }
}
