using System.Text.Json.Nodes;
using Aulario.Core.Scim;

namespace Aulario.Web.Features.Scim;

/// <summary>RFC 7643 §5–7 discovery documents: what this service provider supports (PATCH, filters up to
/// <see cref="ScimUsers.MaxResults"/> results, bearer tokens; no bulk, sort, ETags or password changes), the User resource type
/// and the schemas of the attributes Aulario keeps.</summary>
public static class ScimDiscovery
{
    public static JsonObject ServiceProviderConfig(HttpRequest request) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ServiceProviderConfig),
        ["documentationUri"] = $"{request.Scheme}://{request.Host}{request.PathBase}/tokens/scim",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimUsers.MaxResults },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = false },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Bearer token",
            ["description"] = "Token SCIM de Aulario (creado en /tokens/scim) en el encabezado Authorization: Bearer.",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject
        {
            ["resourceType"] = "ServiceProviderConfig",
            ["location"] = ScimResults.Url(request, "/ServiceProviderConfig"),
        },
    };

    public static JsonObject UserResourceType(HttpRequest request) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
        ["id"] = "User",
        ["name"] = "User",
        ["endpoint"] = "/Users",
        ["description"] = "Cuenta de una persona en Aulario (usuario de Zoom). El correo (userName) es su identidad y no cambia.",
        ["schema"] = ScimSchemas.User,
        ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimSchemas.EnterpriseUser, ["required"] = false }),
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = ScimResults.Url(request, "/ResourceTypes/User") },
    };

    public static IReadOnlyList<JsonObject> Schemas(HttpRequest request) => [UserSchema(request), EnterpriseSchema(request)];

    private static JsonObject UserSchema(HttpRequest request) => Schema(request, ScimSchemas.User, "User", "Cuenta de Aulario",
        Attribute("userName", "string", "Correo electrónico de la persona; identidad de la cuenta en Zoom y en Aulario.", required: true,
            mutability: "immutable", uniqueness: "server"),
        Attribute("externalId", "string", "Identificador de la persona en el proveedor de identidad.", caseExact: true),
        Complex("name", "Nombre de la persona.",
            Attribute("givenName", "string", "Nombre.", required: true),
            Attribute("familyName", "string", "Apellido.", required: true),
            Attribute("formatted", "string", "Nombre y apellido (derivado).", mutability: "readOnly")),
        Attribute("displayName", "string", "Nombre y apellido (derivado de name).", mutability: "readOnly"),
        MultiComplex("emails", "El correo de la cuenta (derivado de userName).",
            Attribute("value", "string", "Correo.", mutability: "readOnly"),
            Attribute("type", "string", "Siempre work.", mutability: "readOnly"),
            Attribute("primary", "boolean", "Siempre true.", mutability: "readOnly")),
        Attribute("active", "boolean", "false finaliza la cuenta (se desactiva en Zoom); true la reactiva."),
        Attribute("timezone", "string", "Zona horaria IANA, por ejemplo America/Argentina/Buenos_Aires."));

    private static JsonObject EnterpriseSchema(HttpRequest request) => Schema(request, ScimSchemas.EnterpriseUser, "EnterpriseUser",
        "Extensión empresarial",
        Attribute("department", "string", "Departamento (hasta 64 caracteres)."));

    private static JsonObject Schema(HttpRequest request, string id, string name, string description, params JsonObject[] attributes) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.Schema),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray(attributes.ToArray<JsonNode?>()),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = ScimResults.Url(request, "/Schemas/" + id) },
    };

    private static JsonObject Attribute(string name, string type, string description, bool required = false, bool caseExact = false,
        string mutability = "readWrite", string uniqueness = "none") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = false,
        ["description"] = description,
        ["required"] = required,
        ["caseExact"] = caseExact,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["uniqueness"] = uniqueness,
    };

    private static JsonObject Complex(string name, string description, params JsonObject[] subAttributes)
    {
        var attribute = Attribute(name, "complex", description);
        attribute["subAttributes"] = new JsonArray(subAttributes.ToArray<JsonNode?>());
        return attribute;
    }

    private static JsonObject MultiComplex(string name, string description, params JsonObject[] subAttributes)
    {
        var attribute = Complex(name, description, subAttributes);
        attribute["multiValued"] = true;
        attribute["mutability"] = "readOnly";
        return attribute;
    }
}
