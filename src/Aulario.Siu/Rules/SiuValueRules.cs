using System.Globalization;
using System.Text;
using Aulario.Core.Common;
using Aulario.Core.Siu;

namespace Aulario.Siu.Rules;

/// <summary>
/// Checks an update against what SIU can store before anything is sent: maximum lengths (character_maximum_length,
/// counted in characters as PostgreSQL counts them) and, on a LATIN1 server, characters outside ISO-8859-1.
/// </summary>
internal static class SiuValueRules
{
    /// <summary>Tt_usuario.usuario and the Toba audit tables are varchar(60).</summary>
    public const int AuditUserMaxLength = 60;

    /// <summary>Checks that need no database: a name to show and an audit user that fits Toba's column.</summary>
    public static IReadOnlyList<Error> CheckShape(SiuSpaceUpdate update, string? auditUser)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(update.Name))
            errors.Add(Error.Validation(SiuAdapterErrorCodes.MissingValue, "El nombre del espacio no puede quedar vacío.", SiuField.Name.Key));
        if (update.Link is null)
            errors.Add(Error.Validation(SiuAdapterErrorCodes.MissingValue, "Falta el enlace de la clase virtual.", SiuField.Link.Key));
        if (string.IsNullOrWhiteSpace(auditUser))
            errors.Add(Error.Validation(SiuAdapterErrorCodes.MissingValue, "Falta el usuario de auditoría de SIU.", SiuField.AuditUser.Key));
        return errors;
    }

    /// <summary>Length and encoding checks against what the SIU table reports.</summary>
    /// <param name="maxLengths">Maximum length per field, null when the column has none (text).</param>
    public static IReadOnlyList<Error> Check(SiuSpaceUpdate update, string auditUser, Func<SiuField, int?> maxLengths, bool latin1)
    {
        var errors = new List<Error>();
        foreach (var (field, value, max) in Values(update, auditUser, maxLengths))
        {
            if (value is null) continue;
            if (latin1 && FirstNonLatin1(value) is { } bad)
                errors.Add(NotLatin1(field, bad));
            var length = CharacterCount(value);
            if (max is { } limit && length > limit)
                errors.Add(Error.Validation(SiuErrorCodes.TooLong,
                    $"{field.Label} tiene {length.ToString(CultureInfo.InvariantCulture)} caracteres; SIU admite {limit.ToString(CultureInfo.InvariantCulture)}.",
                    field.Key));
        }
        return errors;
    }

    /// <summary>The first field holding a character LATIN1 cannot store, to name it when the server rejected the text (22P05).</summary>
    public static Error? FindNotLatin1(SiuSpaceUpdate update, string auditUser)
    {
        foreach (var (field, value, _) in Values(update, auditUser, _ => null))
            if (value is not null && FirstNonLatin1(value) is { } bad) return NotLatin1(field, bad);
        return null;
    }

    public static Rune? FirstNonLatin1(string value)
    {
        foreach (var rune in value.EnumerateRunes())
            if (rune.Value > 0xFF) return rune;
        return null;
    }

    /// <summary>Characters as PostgreSQL counts them (code points; an emoji is one).</summary>
    public static int CharacterCount(string value) => value.EnumerateRunes().Count();

    public static bool IsLatin1Encoding(string serverEncoding)
    {
        var normalized = serverEncoding.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
            .ToUpperInvariant();
        return normalized is "LATIN1" or "ISO88591";
    }

    private static Error NotLatin1(SiuField field, Rune bad) =>
        Error.Validation(SiuErrorCodes.NotLatin1,
            $"{field.Label} contiene «{bad}» (U+{bad.Value.ToString("X4", CultureInfo.InvariantCulture)}), un carácter que SIU no puede guardar (codificación LATIN1). Reemplácelo, por ejemplo «–» por «-».",
            field.Key);

    private static IEnumerable<(SiuField Field, string? Value, int? Max)> Values(SiuSpaceUpdate update, string auditUser, Func<SiuField, int?> maxLengths)
    {
        yield return (SiuField.Link, update.Link, maxLengths(SiuField.Link));
        yield return (SiuField.Name, update.Name, maxLengths(SiuField.Name));
        yield return (SiuField.Code, update.Code, maxLengths(SiuField.Code));
        yield return (SiuField.AuditUser, auditUser, SiuValueRules.AuditUserMaxLength);
    }
}
