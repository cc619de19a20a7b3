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

    public static string Domain(string email) => email[(email.LastIndexOf('@') + 1)..];

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
