using System.Text.RegularExpressions;
using Aulario.Core.Common;
using Aulario.Core.Siu;

namespace Aulario.Siu.Naming;

/// <summary>
/// The configured SIU names after validation: plain ASCII identifiers (<c>^[a-z_][a-z0-9_]{0,62}$</c>, case-insensitive),
/// folded to lower case as PostgreSQL folds unquoted names, and always double-quoted in SQL. Values never go into SQL text.
/// </summary>
internal sealed partial record SiuSqlNames(string Schema, string Table, string Key, string Link, string Name, string Code)
{
    public string QualifiedTable => $"{Quote(Schema)}.{Quote(Table)}";
    public string QKey => Quote(Key);
    public string QLink => Quote(Link);
    public string QName => Quote(Name);
    public string QCode => Quote(Code);

    /// <summary>"negocio.sga_espacios", for messages.</summary>
    public string Display => $"{Schema}.{Table}";

    /// <summary>Key, link, name and code, in the order reports list them.</summary>
    public IReadOnlyList<string> Columns => [Key, Link, Name, Code];

    /// <summary>key, name, code, link: the order every SELECT here reads a space in.</summary>
    public string SelectList => $"{QKey}, {QName}, {QCode}, {QLink}";

    public static string Quote(string validated) => "\"" + validated + "\"";

    public static Result<SiuSqlNames> From(SiuNames? names)
    {
        if (names is null)
            return Error.Validation(SiuAdapterErrorCodes.InvalidIdentifier, "Faltan los nombres de esquema, tabla y columnas de SIU.");
        var errors = new List<Error>();
        var schema = Check(names.Schema, "siuSchema", "esquema", errors);
        var table = Check(names.Table, "siuTable", "tabla", errors);
        var key = Check(names.KeyColumn, "siuKeyColumn", "columna clave", errors);
        var link = Check(names.LinkColumn, "siuLinkColumn", "columna del enlace", errors);
        var name = Check(names.NameColumn, "siuNameColumn", "columna del nombre", errors);
        var code = Check(names.CodeColumn, "siuCodeColumn", "columna del código", errors);
        if (errors.Count > 0) return Result<SiuSqlNames>.Fail(errors);
        string[] columns = [key, link, name, code];
        if (columns.Distinct(StringComparer.Ordinal).Count() != columns.Length)
            return Error.Validation(SiuAdapterErrorCodes.InvalidIdentifier,
                "Las columnas clave, enlace, nombre y código deben ser distintas entre sí.");
        return new SiuSqlNames(schema, table, key, link, name, code);
    }

    private static string Check(string? value, string field, string label, List<Error> errors)
    {
        var trimmed = value?.Trim() ?? "";
        if (Identifier().IsMatch(trimmed)) return trimmed.ToLowerInvariant();
        errors.Add(Error.Validation(SiuAdapterErrorCodes.InvalidIdentifier,
            $"El nombre de {label} «{trimmed}» no es válido: use letras sin acentos, dígitos y _, empezando por letra o _, hasta 63 caracteres.",
            field));
        return "";
    }

    // Explicit ASCII ranges (no IgnoreCase: case-insensitive [a-z] also matches the Kelvin sign).
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
