using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Core.Common;

namespace Aulario.Core.Scim;

/// <summary>
/// The SCIM User attributes Aulario keeps, as a client asks for them: userName (the account's email), name.givenName/familyName,
/// externalId, active, timezone and the enterprise extension's department. Other attributes (displayName, emails, password,
/// phoneNumbers, groups, roles…) are accepted and ignored: displayName and emails are always derived from names and userName.
/// A null field in a parsed POST/PUT body means "not sent".
/// </summary>
public sealed class ScimUserDraft
{
    public string? UserName { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? ExternalId { get; set; }
    public bool ExternalIdSent { get; set; }
    public string? Department { get; set; }
    public bool DepartmentSent { get; set; }
    public string? Timezone { get; set; }
    public bool TimezoneSent { get; set; }
    public bool? Active { get; set; }

    public static ScimUserDraft From(Account a) => new()
    {
        UserName = a.Email,
        GivenName = a.FirstName,
        FamilyName = a.LastName,
        ExternalId = a.ExternalId,
        ExternalIdSent = true,
        Department = a.Department,
        DepartmentSent = true,
        Timezone = a.Timezone,
        TimezoneSent = true,
        Active = a.Status != AccountStatus.Finalized,
    };

    /// <summary>A full resource (POST, PUT). Attribute names are case-insensitive (RFC 7643 §2.1).</summary>
    public static Result<ScimUserDraft> Parse(JsonElement resource)
    {
        if (resource.ValueKind != JsonValueKind.Object) return Syntax("El cuerpo debe ser un objeto JSON con el recurso User.");
        var draft = new ScimUserDraft();
        var errors = new List<Error>();
        foreach (var property in resource.EnumerateObject()) draft.Set(property.Name, property.Value, errors);
        return errors.Count > 0 ? Result<ScimUserDraft>.Fail(errors) : draft;
    }

    /// <summary>
    /// Applies a PatchOp body (RFC 7644 §3.5.2) to a copy of this draft. op is matched case-insensitively (Entra sends "Replace"),
    /// a value without path is an object of attributes (Okta: {"op":"replace","value":{"active":false}}), booleans may come
    /// as strings ("False", as Entra sends them).
    /// </summary>
    public Result<ScimUserDraft> Patch(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) return Syntax("El cuerpo debe ser un objeto JSON PatchOp.");
        if (Property(body, "Operations") is not { ValueKind: JsonValueKind.Array } operations)
            return Syntax("Falta la lista «Operations» del PatchOp.");
        var draft = (ScimUserDraft)MemberwiseClone();
        var errors = new List<Error>();
        foreach (var operation in operations.EnumerateArray())
        {
            if (operation.ValueKind != JsonValueKind.Object) return Syntax("Cada operación debe ser un objeto con «op».");
            var op = Property(operation, "op") is { ValueKind: JsonValueKind.String } o ? o.GetString()!.Trim() : null;
            var path = Property(operation, "path") is { ValueKind: JsonValueKind.String } p ? p.GetString()!.Trim() : null;
            var value = Property(operation, "value");
            if (op is null) return Syntax("Falta «op» en una operación (add, replace o remove).");
            if (op.Equals("remove", StringComparison.OrdinalIgnoreCase))
            {
                if (string.IsNullOrEmpty(path)) return Error.Validation(ScimErrorCodes.NoTarget, "«remove» necesita «path».", "path");
                draft.Set(path, default, errors);
            }
            else if (op.Equals("add", StringComparison.OrdinalIgnoreCase) || op.Equals("replace", StringComparison.OrdinalIgnoreCase))
            {
                if (value is null) return Syntax($"Falta «value» en la operación «{op}».");
                if (string.IsNullOrEmpty(path))
                {
                    if (value.Value.ValueKind != JsonValueKind.Object)
                        return Syntax($"Sin «path», el «value» de «{op}» debe ser un objeto de atributos.");
                    foreach (var property in value.Value.EnumerateObject()) draft.Set(property.Name, property.Value, errors);
                }
                else
                {
                    draft.Set(path, value.Value, errors);
                }
            }
            else
            {
                return Syntax($"La operación «{op}» no existe: se admiten add, replace y remove.");
            }
        }
        return errors.Count > 0 ? Result<ScimUserDraft>.Fail(errors) : draft;
    }

    /// <summary>Sets one attribute by path; <c>default(JsonElement)</c> (Undefined) means remove.</summary>
    private void Set(string path, JsonElement value, List<Error> errors)
    {
        var p = ScimPaths.WithoutCoreSchema(path.Trim());
        if (p.StartsWith(ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase))
        {
            var rest = p[ScimSchemas.EnterpriseUser.Length..].TrimStart(':');
            if (rest.Length == 0)
            {
                if (value.ValueKind == JsonValueKind.Object)
                    foreach (var property in value.EnumerateObject()) SetEnterprise(property.Name, property.Value, errors);
                else if (value.ValueKind == JsonValueKind.Undefined) { Department = null; DepartmentSent = true; }
            }
            else
            {
                SetEnterprise(rest, value, errors);
            }
            return;
        }
        if (Is(p, "userName")) UserName = Text(value, "userName", errors, removable: false);
        else if (Is(p, "externalId")) { ExternalId = Text(value, "externalId", errors, removable: true); ExternalIdSent = true; }
        else if (Is(p, "active")) Active = Bool(value, errors);
        else if (Is(p, "timezone")) { Timezone = Text(value, "timezone", errors, removable: true); TimezoneSent = true; }
        else if (Is(p, "name.givenName")) GivenName = Text(value, "name.givenName", errors, removable: true) ?? "";
        else if (Is(p, "name.familyName")) FamilyName = Text(value, "name.familyName", errors, removable: true) ?? "";
        else if (Is(p, "name"))
        {
            if (value.ValueKind == JsonValueKind.Object)
                foreach (var property in value.EnumerateObject()) Set("name." + property.Name, property.Value, errors);
            else if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) { GivenName = ""; FamilyName = ""; }
            else errors.Add(Invalid("«name» debe ser un objeto con givenName y familyName.", "name"));
        }
        // Everything else (displayName, emails, password, phoneNumbers, groups, roles, locale, title, meta, schemas, id…) is ignored.
    }

    private void SetEnterprise(string attribute, JsonElement value, List<Error> errors)
    {
        if (!Is(attribute, "department")) return;
        Department = Text(value, "department", errors, removable: true);
        DepartmentSent = true;
    }

    private static string? Text(JsonElement value, string field, List<Error> errors, bool removable)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String: return value.GetString();
            case JsonValueKind.Undefined or JsonValueKind.Null when removable: return null;
            default:
                errors.Add(Invalid($"«{field}» debe ser un texto.", field));
                return null;
        }
    }

    private static bool? Bool(JsonElement value, List<Error> errors)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString()?.Trim(), out var parsed)) return parsed;
        errors.Add(Invalid("«active» debe ser true o false.", "active"));
        return null;
    }

    private static bool Is(string path, string attribute) => path.Equals(attribute, StringComparison.OrdinalIgnoreCase);

    internal static JsonElement? Property(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
    }

    private static Error Invalid(string message, string field) => Error.Validation(ScimErrorCodes.InvalidValue, message, field);

    private static Error Syntax(string message) => Error.Validation(ScimErrorCodes.InvalidSyntax, message);
}
