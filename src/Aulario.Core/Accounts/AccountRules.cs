using System.Net.Mail;
using Aulario.Core.Common;

namespace Aulario.Core.Accounts;

/// <summary>Input rules for accounts, shared by every front door (form, API, CSV, SCIM). Messages are Spanish (es-AR).</summary>
public static class AccountRules
{
    public const int EmailMaxLength = 128;   // Zoom user_info.email
    public const int NameMaxLength = 64;     // Zoom first_name / last_name
    public const int DepartmentMaxLength = 64;
    public const int ExternalIdMaxLength = 256;  // SCIM externalId (the identity provider's id, e.g. an Entra object id)

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static Error? ValidateEmail(string? email, string field = "email")
    {
        if (string.IsNullOrWhiteSpace(email)) return Error.Validation("account.email-required", "Ingresá el correo electrónico.", field);
        var e = email.Trim();
        if (e.Length > EmailMaxLength)
            return Error.Validation("account.email-too-long", $"El correo tiene {e.Length} caracteres; Zoom admite hasta {EmailMaxLength}.", field);
        if (!MailAddress.TryCreate(e, out var parsed) || parsed.Address != e || !e.Contains('.', StringComparison.Ordinal)
            || e.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || e.IndexOf('@', StringComparison.Ordinal) != e.LastIndexOf('@'))
            return Error.Validation("account.email-invalid", $"«{Shorten(e)}» no es un correo electrónico válido.", field);
        return null;
    }

    public static Error? ValidateName(string? name, string field, bool required)
    {
        var label = field == "lastName" ? "El apellido" : "El nombre";
        if (string.IsNullOrWhiteSpace(name))
            return required ? Error.Validation("account.name-required", $"{label} es obligatorio.", field) : null;
        var n = name.Trim();
        if (n.Length > NameMaxLength)
            return Error.Validation("account.name-too-long", $"{label} tiene {n.Length} caracteres; Zoom admite hasta {NameMaxLength}.", field);
        if (n.Any(c => c is '<' or '>' or '"' || char.IsControl(c)))
            return Error.Validation("account.name-invalid", $"{label} no puede contener los caracteres < > \" ni caracteres de control.", field);
        return null;
    }

    public static Error? ValidateDepartment(string? department) =>
        department is { Length: > DepartmentMaxLength }
            ? Error.Validation("account.department-too-long", $"El departamento admite hasta {DepartmentMaxLength} caracteres.", "department")
            : department is not null && department.Any(c => c is '<' or '>' || char.IsControl(c))
                ? Error.Validation("account.department-invalid", "El departamento no puede contener < ni >.", "department")
                : null;

    public static Error? ValidateTimezone(string? timezone) =>
        timezone is null || TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out _)
            ? null
            : Error.Validation("account.timezone-invalid", $"«{Shorten(timezone)}» no es una zona horaria conocida (por ejemplo America/Argentina/Buenos_Aires).", "timezone");

    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 31;   // Zoom: "less than 32 characters"

    private static readonly string[] CommonPasswords =
        ["password", "password1", "password123", "passw0rd", "qwerty123", "zoom1234", "12345678", "abc12345", "contraseña1", "contrasena1"];

    /// <summary>
    /// Zoom's default password rules (zoom-api.md §2.7), checked before calling Zoom so a person sees why at once:
    /// 8–31 characters, a letter, a number, upper and lower case, not one repeated character, no run of 6 consecutive
    /// characters ("abcdef", "123456"), not a well-known password. Zoom may still refuse (enhanced account rules).
    /// </summary>
    public static Error? ValidatePassword(string? password, string field = "password")
    {
        static Error Weak(string code, string message, string field) => Error.Validation(code, message, field);
        if (string.IsNullOrEmpty(password)) return Weak("account.password-required", "Ingresá la contraseña nueva.", field);
        if (password.Length is < PasswordMinLength or > PasswordMaxLength)
            return Weak("account.password-length", $"La contraseña debe tener entre {PasswordMinLength} y {PasswordMaxLength} caracteres.", field);
        if (password.Any(char.IsControl)) return Weak("account.password-invalid", "La contraseña no puede contener caracteres de control.", field);
        if (!password.Any(char.IsLetter)) return Weak("account.password-letter", "La contraseña debe tener al menos una letra.", field);
        if (!password.Any(char.IsDigit)) return Weak("account.password-number", "La contraseña debe tener al menos un número.", field);
        if (!(password.Any(char.IsUpper) && password.Any(char.IsLower)))
            return Weak("account.password-case", "La contraseña debe combinar mayúsculas y minúsculas.", field);
        if (password.Distinct().Count() == 1) return Weak("account.password-repeated", "La contraseña no puede ser un solo carácter repetido.", field);
        if (Secrets.SecretGenerator.HasRun(password, 6))
            return Weak("account.password-sequence", "La contraseña no puede tener 6 caracteres consecutivos o repetidos (como «abcdef» o «123456»).", field);
        if (CommonPasswords.Contains(password, StringComparer.OrdinalIgnoreCase))
            return Weak("account.password-common", "Esa contraseña es demasiado fácil de adivinar: elegí otra.", field);
        return null;
    }

    public static string Domain(string email) => email[(email.LastIndexOf('@') + 1)..];

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
