using System.Text.Json;
using System.Text.RegularExpressions;
using Aulario.Core.Common;

namespace Aulario.Core.Scim;

public enum ScimFilterAttribute { UserName, ExternalId, Id, Email }

public sealed record ScimFilterClause(ScimFilterAttribute Attribute, string Value);

/// <summary>
/// The filters identity providers send for users (RFC 7644 §3.4.2.2, the subset Entra ID and Okta use): one or more
/// <c>attribute eq "value"</c> joined by <c>and</c>, on userName, externalId, id, emails.value or emails[type eq "work"].value.
/// Operators and attributes are case-insensitive. Anything else is refused as invalidFilter (never a server error).
/// </summary>
public static partial class ScimFilter
{
    public const int MaxLength = 1000;

    public static Result<IReadOnlyList<ScimFilterClause>> Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return Invalid("El filtro está vacío.");
        if (filter.Length > MaxLength) return Invalid($"El filtro admite hasta {MaxLength} caracteres.");
        var clauses = new List<ScimFilterClause>();
        var i = 0;
        while (true)
        {
            SkipSpaces(filter, ref i);
            var path = ReadPath(filter, ref i);
            if (path.Length == 0) return Invalid("Falta el atributo del filtro.");
            SkipSpaces(filter, ref i);
            var op = ReadWord(filter, ref i);
            if (!op.Equals("eq", StringComparison.OrdinalIgnoreCase))
                return Invalid(op.Length == 0 ? $"Falta el operador después de «{path}»." : $"Solo se admite el operador eq (se recibió «{op}»).");
            SkipSpaces(filter, ref i);
            if (i >= filter.Length || filter[i] != '"') return Invalid("El valor del filtro debe ser un texto entre comillas.");
            var value = ReadString(filter, ref i);
            if (value is null) return Invalid("El texto del filtro no está bien cerrado.");
            var attribute = Attribute(path);
            if (attribute is null) return Invalid($"No se puede filtrar por «{path}»: se admiten userName, externalId, id y emails.");
            clauses.Add(new ScimFilterClause(attribute.Value, value));
            SkipSpaces(filter, ref i);
            if (i >= filter.Length) return clauses;
            var join = ReadWord(filter, ref i);
            if (!join.Equals("and", StringComparison.OrdinalIgnoreCase))
                return Invalid(join.Length == 0 ? "El filtro tiene caracteres que no se entienden." : $"Solo se admite «and» para combinar condiciones (se recibió «{join}»).");
        }
    }

    private static ScimFilterAttribute? Attribute(string path)
    {
        var p = ScimPaths.WithoutCoreSchema(path);
        if (p.Equals("userName", StringComparison.OrdinalIgnoreCase)) return ScimFilterAttribute.UserName;
        if (p.Equals("externalId", StringComparison.OrdinalIgnoreCase)) return ScimFilterAttribute.ExternalId;
        if (p.Equals("id", StringComparison.OrdinalIgnoreCase)) return ScimFilterAttribute.Id;
        if (p.Equals("emails", StringComparison.OrdinalIgnoreCase) || p.Equals("emails.value", StringComparison.OrdinalIgnoreCase)
            || WorkEmail().IsMatch(p)) return ScimFilterAttribute.Email;
        return null;
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
    }

    private static string ReadWord(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
        return s[start..i];
    }

    /// <summary>An attribute path, with a bracketed value filter read as part of it (emails[type eq "work"].value).</summary>
    private static string ReadPath(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && !char.IsWhiteSpace(s[i]))
        {
            if (s[i] == '[')
            {
                var close = s.IndexOf(']', i);
                if (close < 0) { i = s.Length; return ""; }
                i = close + 1;
                continue;
            }
            if (s[i] is '(' or ')' or '"') return i == start ? "" : s[start..i];
            i++;
        }
        return s[start..i];
    }

    /// <summary>A JSON string literal (RFC 7644 filters use JSON strings), or null when it is not closed or not valid.</summary>
    private static string? ReadString(string s, ref int i)
    {
        var start = i++;
        while (i < s.Length)
        {
            if (s[i] == '\\') { i += 2; continue; }
            if (s[i] == '"')
            {
                i++;
                try { return JsonSerializer.Deserialize<string>(s[start..i]); }
                catch (JsonException) { return null; }
            }
            i++;
        }
        return null;
    }

    private static Error Invalid(string message) => Error.Validation(ScimErrorCodes.InvalidFilter, message, "filter");

    [GeneratedRegex("^emails\\[\\s*type\\s+eq\\s+\"work\"\\s*\\]\\.value$", RegexOptions.IgnoreCase)]
    private static partial Regex WorkEmail();
}

/// <summary>Error codes of the SCIM use cases; the web layer maps them to scimType (RFC 7644 §3.12).</summary>
public static class ScimErrorCodes
{
    public const string InvalidFilter = "scim.invalid-filter";     // 400 invalidFilter
    public const string InvalidSyntax = "scim.invalid-syntax";     // 400 invalidSyntax
    public const string InvalidValue = "scim.invalid-value";       // 400 invalidValue
    public const string Mutability = "scim.mutability";            // 400 mutability
    public const string NoTarget = "scim.no-target";               // 400 noTarget
    public const string NotFound = "scim.not-found";               // 404
}

public static class ScimSchemas
{
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string ServiceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public const string ResourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public const string Schema = "urn:ietf:params:scim:schemas:core:2.0:Schema";
}

internal static class ScimPaths
{
    /// <summary>"urn:ietf:params:scim:schemas:core:2.0:User:userName" → "userName" (attribute names may carry their schema URN).</summary>
    public static string WithoutCoreSchema(string path) =>
        path.StartsWith(ScimSchemas.User + ":", StringComparison.OrdinalIgnoreCase) ? path[(ScimSchemas.User.Length + 1)..] : path;
}
