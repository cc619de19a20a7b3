using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Aulario.Core.Audit;
using Aulario.Core.Scim;
using Aulario.Web.Infrastructure;

namespace Aulario.Web.Features.Scim;

/// <summary>
/// SCIM 2.0 at /scim/v2 (RFC 7644), for the identity provider (Entra ID, Okta): Users (list with filter and paging, read, create,
/// replace, patch, delete) and the discovery documents. Only a SCIM token opens it; changes are audited as "scim:&lt;token name&gt;".
/// </summary>
public static class ScimEndpoints
{
    /// <summary>Largest request body read (a User or a PatchOp is a few kilobytes).</summary>
    public const int MaxBodyBytes = 256 * 1024;
    public const int DefaultCount = 100;

    public static WebApplication MapScim(this WebApplication app)
    {
        var g = app.MapGroup("/scim/v2").RequireAuthorization(ScimAuthentication.Policy).ExcludeFromDescription();

        g.MapGet("/Users", ListAsync);
        g.MapPost("/Users", CreateAsync);
        g.MapGet("/Users/{id}", async (string id, HttpRequest request, ScimUsers users, TimeProvider time, CancellationToken ct) =>
            Resource(await users.GetAsync(id, ct), request, time));
        g.MapPut("/Users/{id}", (string id, HttpRequest request, ClaimsPrincipal caller, ScimUsers users, TimeProvider time, CancellationToken ct) =>
            WithBodyAsync(request, time, async body => Resource(await users.ReplaceAsync(id, body, ActorOf(caller), ct), request, time)));
        g.MapPatch("/Users/{id}", (string id, HttpRequest request, ClaimsPrincipal caller, ScimUsers users, TimeProvider time, CancellationToken ct) =>
            WithBodyAsync(request, time, async body => Resource(await users.PatchAsync(id, body, ActorOf(caller), ct), request, time)));
        g.MapDelete("/Users/{id}", async (string id, ClaimsPrincipal caller, ScimUsers users, TimeProvider time, CancellationToken ct) =>
        {
            var deleted = await users.DeleteAsync(id, ActorOf(caller), ct);
            return deleted.IsSuccess ? Results.NoContent() : ScimResults.Failure(deleted.Errors, time);
        });

        g.MapGet("/ServiceProviderConfig", (HttpRequest request) => ScimResults.Resource(ScimDiscovery.ServiceProviderConfig(request)));
        g.MapGet("/ResourceTypes", (HttpRequest request) =>
            ScimResults.Resource(ScimResults.ListResponse([ScimDiscovery.UserResourceType(request)], 1, 1)));
        g.MapGet("/ResourceTypes/{id}", (string id, HttpRequest request) => id.Equals("User", StringComparison.OrdinalIgnoreCase)
            ? ScimResults.Resource(ScimDiscovery.UserResourceType(request))
            : ScimResults.Error(StatusCodes.Status404NotFound, null, $"No hay un tipo de recurso «{Shorten(id)}»: solo User."));
        g.MapGet("/Schemas", (HttpRequest request) =>
        {
            var schemas = ScimDiscovery.Schemas(request);
            return ScimResults.Resource(ScimResults.ListResponse(schemas, schemas.Count, 1));
        });
        g.MapGet("/Schemas/{id}", (string id, HttpRequest request) =>
            ScimDiscovery.Schemas(request).FirstOrDefault(s => string.Equals((string?)s["id"], id, StringComparison.OrdinalIgnoreCase)) is { } schema
                ? ScimResults.Resource(schema)
                : ScimResults.Error(StatusCodes.Status404NotFound, null, $"No hay un esquema «{Shorten(id)}»."));
        return app;
    }

    private static Actor ActorOf(ClaimsPrincipal caller) =>
        new(ScimAuthentication.ActorName(caller.FindFirstValue(ScimAuthentication.TokenNameClaim) ?? "desconocido"));

    private static async Task<IResult> ListAsync(HttpRequest request, ScimUsers users, TimeProvider time, CancellationToken ct)
    {
        var startIndex = 1;
        var count = DefaultCount;
        if (request.Query["startIndex"].FirstOrDefault() is { } s && !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out startIndex))
            return ScimResults.Error(StatusCodes.Status400BadRequest, "invalidValue", "«startIndex» debe ser un número entero (el primero es 1).");
        if (request.Query["count"].FirstOrDefault() is { } c && !int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out count))
            return ScimResults.Error(StatusCodes.Status400BadRequest, "invalidValue", "«count» debe ser un número entero.");
        var filter = request.Query["filter"].FirstOrDefault();
        var page = await users.ListAsync(filter, startIndex, count, ct);
        if (!page.IsSuccess) return ScimResults.Failure(page.Errors, time);
        return ScimResults.Resource(ScimResults.ListResponse(page.Value.Accounts.Select(a => ScimResults.User(a, request)),
            page.Value.TotalResults, page.Value.StartIndex));
    }

    private static Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal caller, ScimUsers users, TimeProvider time, CancellationToken ct) =>
        WithBodyAsync(request, time, async body =>
        {
            var created = await users.CreateAsync(body, ActorOf(caller), ct);
            if (!created.IsSuccess) return ScimResults.Failure(created.Errors, time);
            var resource = ScimResults.User(created.Value, request);
            return ScimResults.Resource(resource, StatusCodes.Status201Created, (string?)resource["meta"]!["location"]);
        });

    private static IResult Resource(Core.Common.Result<Core.Accounts.Account> result, HttpRequest request, TimeProvider time) =>
        result.IsSuccess ? ScimResults.Resource(ScimResults.User(result.Value, request)) : ScimResults.Failure(result.Errors, time);

    /// <summary>Reads the JSON body (application/scim+json or application/json). Empty, oversized or malformed bodies are a
    /// SCIM invalidSyntax error and change nothing.</summary>
    private static async Task<IResult> WithBodyAsync(HttpRequest request, TimeProvider time, Func<JsonElement, Task<IResult>> handle)
    {
        if (request.ContentLength > MaxBodyBytes)
            return ScimResults.Error(StatusCodes.Status413PayloadTooLarge, null, $"El cuerpo admite hasta {MaxBodyBytes / 1024} KB.");
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return ScimResults.Error(StatusCodes.Status413PayloadTooLarge, null, $"El cuerpo admite hasta {MaxBodyBytes / 1024} KB.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return ScimResults.Error(StatusCodes.Status400BadRequest, "invalidSyntax", "Falta el cuerpo JSON de la solicitud.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return ScimResults.Error(StatusCodes.Status400BadRequest, "invalidSyntax", "El cuerpo no es JSON válido.");
        }
        using (document) return await handle(document.RootElement);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
