using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aulario.Core.ApiTokens;
using Aulario.Core.Audit;
using Aulario.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Scim;

/// <summary>SCIM calls the way identity providers make them: bearer token, application/scim+json bodies.</summary>
internal static class ScimTestSupport
{
    public const string AdminEmail = "admin@inst.edu.ar";
    public const string AdminPassword = "clave-de-prueba-larga-2026";
    public const string ScimContentType = "application/scim+json";

    public static async Task<(Guid Id, string Secret)> CreateTokenAsync(this AularioWebFactory app, string name, string scope = ApiTokenScopes.Scim)
    {
        await using var scope_ = app.Services.CreateAsyncScope();
        var created = await scope_.ServiceProvider.GetRequiredService<ApiTokenCommands>().CreateAsync(name, new Actor(AdminEmail), scope);
        Assert.True(created.IsSuccess);
        return (created.Value.Token.Id, created.Value.Secret);
    }

    public static HttpClient Bearer(this AularioWebFactory app, string secret)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, ScimContentType) };
        return client.SendAsync(request);
    }

    /// <summary>The response as JSON, after checking it is application/scim+json with the expected status.</summary>
    public static async Task<JsonElement> ScimAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        Assert.Equal(ScimContentType, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Checks a SCIM error document (RFC 7644 §3.12): Error schema, status as a string, scimType when expected.</summary>
    public static async Task<JsonElement> ScimErrorAsync(this HttpResponseMessage response, HttpStatusCode expected, string? scimType = null)
    {
        var body = await response.ScimAsync(expected);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", body.GetProperty("schemas")[0].GetString());
        Assert.Equal(((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        if (scimType is null) Assert.False(body.TryGetProperty("scimType", out _));
        else Assert.Equal(scimType, body.GetProperty("scimType").GetString());
        return body;
    }

    public static async Task<List<AuditEntry>> AuditAsync(this AularioWebFactory app, string actor)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AularioDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Actor == actor).OrderBy(e => e.Id).ToListAsync();
    }

    public static async Task<T> DbAsync<T>(this AularioWebFactory app, Func<AularioDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AularioDbContext>());
    }

    public static string Filter(string expression) => "/scim/v2/Users?filter=" + Uri.EscapeDataString(expression);
}
