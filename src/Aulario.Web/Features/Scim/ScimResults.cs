using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Core.Scim;
using Aulario.Web.Infrastructure;

namespace Aulario.Web.Features.Scim;

/// <summary>SCIM responses: resources and errors as application/scim+json (RFC 7644 §3.1, §3.12). Every failure under /scim,
/// including bare status codes and unexpected exceptions, is a SCIM error document with the status as a string.</summary>
public static class ScimResults
{
    public const string ContentType = "application/scim+json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static IResult Resource(JsonNode body, int status = StatusCodes.Status200OK, string? location = null) =>
        new ScimResult(body, status, location);

    public static IResult Error(int status, string? scimType, string detail) => new ScimResult(ErrorBody(status, scimType, detail), status, null);

    /// <summary>A failed use case: the status from <see cref="ErrorMapping"/>, scimType from the error code.</summary>
    public static IResult Failure(IReadOnlyList<Error> errors, TimeProvider time)
    {
        var first = errors[0];
        var status = ErrorMapping.StatusCode(first.Kind);
        var detail = string.Join(" ", errors.Select(e => e.Message).Distinct());
        var result = new ScimResult(ErrorBody(status, ScimType(first), detail), status, null);
        if (first.RetryAt is { } at)
            result.RetryAfter = Math.Max(1, (int)Math.Ceiling((at - time.GetUtcNow()).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return result;
    }

    public static string? ScimType(Error error) => error.Code switch
    {
        ScimErrorCodes.InvalidFilter => "invalidFilter",
        ScimErrorCodes.InvalidSyntax => "invalidSyntax",
        ScimErrorCodes.Mutability => "mutability",
        ScimErrorCodes.NoTarget => "noTarget",
        "account.duplicate" or ProviderErrorCodes.EmailTaken or ProviderErrorCodes.EmailActiveElsewhere => "uniqueness",
        _ when error.Kind == ErrorKind.Validation => "invalidValue",
        _ => null,
    };

    public static Task WriteErrorAsync(HttpContext context, int status, string? scimType, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType + "; charset=utf-8";
        return context.Response.WriteAsync(ErrorBody(status, scimType, detail).ToJsonString(Json), Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>For UseStatusCodePages: a bare 404/405/415 under /scim becomes a SCIM error.</summary>
    public static Task WriteStatusAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status404NotFound => "Recurso SCIM inexistente: Aulario ofrece /Users, /ServiceProviderConfig, /Schemas y /ResourceTypes.",
            StatusCodes.Status405MethodNotAllowed => "Método no admitido para este recurso SCIM.",
            _ => "La solicitud SCIM no se pudo atender.",
        };
        return WriteErrorAsync(context.HttpContext, status, null, detail);
    }

    public static JsonObject ErrorBody(int status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Error),
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
        };
        if (scimType is not null) body["scimType"] = scimType;
        body["detail"] = detail;
        return body;
    }

    public static JsonObject ListResponse(IEnumerable<JsonNode> resources, int totalResults, int startIndex)
    {
        var items = new JsonArray(resources.ToArray<JsonNode?>());
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
            ["totalResults"] = totalResults,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = items.Count,
            ["Resources"] = items,
        };
    }

    /// <summary>The absolute URL of a path under /scim/v2 on the address the client used.</summary>
    public static string Url(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}/scim/v2{path}";

    /// <summary>An account as a SCIM User. displayName and the one work email are derived from the names and userName.</summary>
    public static JsonObject User(Account a, HttpRequest request)
    {
        var schemas = new JsonArray(ScimSchemas.User);
        var user = new JsonObject
        {
            ["schemas"] = schemas,
            ["id"] = a.Id.ToString("D"),
        };
        if (a.ExternalId is not null) user["externalId"] = a.ExternalId;
        user["userName"] = a.Email;
        user["name"] = new JsonObject { ["givenName"] = a.FirstName, ["familyName"] = a.LastName, ["formatted"] = a.DisplayName };
        user["displayName"] = a.DisplayName;
        user["emails"] = new JsonArray(new JsonObject { ["value"] = a.Email, ["type"] = "work", ["primary"] = true });
        user["active"] = a.Status != AccountStatus.Finalized;
        if (a.Timezone is not null) user["timezone"] = a.Timezone;
        if (a.Department is not null)
        {
            schemas.Add(ScimSchemas.EnterpriseUser);
            user[ScimSchemas.EnterpriseUser] = new JsonObject { ["department"] = a.Department };
        }
        user["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["created"] = a.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["location"] = Url(request, "/Users/" + a.Id.ToString("D")),
        };
        return user;
    }

    private sealed class ScimResult(JsonNode body, int status, string? location) : IResult, IStatusCodeHttpResult
    {
        public string? RetryAfter { get; set; }
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = ContentType + "; charset=utf-8";
            if (location is not null) response.Headers.Location = location;
            if (RetryAfter is not null) response.Headers.RetryAfter = RetryAfter;
            await response.WriteAsync(body.ToJsonString(Json), Encoding.UTF8, httpContext.RequestAborted);
        }
    }
}
