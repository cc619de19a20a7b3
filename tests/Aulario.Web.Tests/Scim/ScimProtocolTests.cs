using System.Net;
using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Scim;

/// <summary>RFC 7644 behaviour the identity providers rely on: paging, filters, errors as SCIM documents (never 500, nothing
/// changed), userName immutability, and the discovery endpoints.</summary>
public sealed class ScimProtocolTests : IAsyncLifetime
{
    private readonly AularioWebFactory _app = new();
    private HttpClient _scim = null!;

    public async Task InitializeAsync()
    {
        var (_, secret) = await _app.CreateTokenAsync("Entra ID");
        _scim = _app.Bearer(secret);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> PostAsync(string email, string given = "Ana", string family = "Pérez", HttpStatusCode expected = HttpStatusCode.Created) =>
        await (await _scim.SendJsonAsync(HttpMethod.Post, "/scim/v2/Users", $$"""
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{email}}",
              "name": { "givenName": "{{given}}", "familyName": "{{family}}" }, "active": true }
            """)).ScimAsync(expected);

    [Fact]
    public async Task Paging_StartIndexAndCount_WithTotalResults_InAStableOrder_AndClassroomsAreNotUsers()
    {
        foreach (var n in new[] { 3, 1, 5, 2, 4 }) await PostAsync($"p{n}@{AccountsTestSupport.Managed}");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var classroom = await scope.ServiceProvider.GetRequiredService<CreateAccount>().HandleAsync(
                new CreateAccountRequest($"aula528@{AccountsTestSupport.Managed}", "Aula", "528", IsClassroom: true), new Actor("admin"), AdminScope.Institution);
            Assert.True(classroom.IsSuccess);
        }

        async Task<(int Total, int Start, int PerPage, string Users)> PageAsync(string query)
        {
            var page = await (await _scim.GetAsync("/scim/v2/Users" + query)).ScimAsync(HttpStatusCode.OK);
            var users = page.GetProperty("Resources").EnumerateArray().Select(r => r.GetProperty("userName").GetString()!.Split('@')[0]);
            return (page.GetProperty("totalResults").GetInt32(), page.GetProperty("startIndex").GetInt32(), page.GetProperty("itemsPerPage").GetInt32(), string.Join(",", users));
        }

        Assert.Equal((5, 1, 5, "p1,p2,p3,p4,p5"), await PageAsync(""));
        Assert.Equal((5, 2, 2, "p2,p3"), await PageAsync("?startIndex=2&count=2"));
        Assert.Equal((5, 4, 2, "p4,p5"), await PageAsync("?startIndex=4&count=10"));
        Assert.Equal((5, 1, 0, ""), await PageAsync("?count=0"));
        Assert.Equal((5, 1, 1, "p1"), await PageAsync("?startIndex=0&count=1")); // below 1 is 1
        Assert.Equal((5, 9, 0, ""), await PageAsync("?startIndex=9&count=2"));
        Assert.Equal((0, 1, 0, ""), await PageAsync("?filter=" + Uri.EscapeDataString($"userName eq \"aula528@{AccountsTestSupport.Managed}\"")));
        // Two conditions joined by and; the emails filter Entra may use.
        Assert.Equal(1, (await PageAsync("?filter=" + Uri.EscapeDataString($"emails[type eq \"work\"].value eq \"p3@{AccountsTestSupport.Managed}\""))).Total);
        Assert.Equal("p2", (await PageAsync("?startIndex=2&count=1")).Users);
        Assert.Equal(0, (await PageAsync("?filter=" + Uri.EscapeDataString($"userName eq \"p2@{AccountsTestSupport.Managed}\" and externalId eq \"nope\""))).Total);
        // A classroom account's email is still taken.
        await (await _scim.SendJsonAsync(HttpMethod.Post, "/scim/v2/Users", $$"""
            { "userName": "aula528@{{AccountsTestSupport.Managed}}", "name": { "givenName": "A", "familyName": "B" } }
            """)).ScimErrorAsync(HttpStatusCode.Conflict, "uniqueness");
    }

    [Fact]
    public async Task UnsupportedFilters_Are400InvalidFilter()
    {
        string[] filters =
        [
            "userName co \"ana\"", "userName eq \"ana\" or userName eq \"luis\"", "displayName eq \"Ana\"", "userName eq ana",
            "userName eq \"sin cerrar", "(userName eq \"ana\")", "userName", "", "not (userName eq \"a\")", "userName eq \"a\" and",
        ];
        foreach (var filter in filters)
            await (await _scim.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString(filter))).ScimErrorAsync(HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task BadPagingNumbers_Are400()
    {
        await (await _scim.GetAsync("/scim/v2/Users?startIndex=uno")).ScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
        await (await _scim.GetAsync("/scim/v2/Users?count=99999999999")).ScimErrorAsync(HttpStatusCode.BadRequest, "invalidValue");
    }

    [Fact]
    public async Task BadBodies_AreScimErrors_AndChangeNothing()
    {
        var user = await PostAsync($"base@{AccountsTestSupport.Managed}");
        var id = user.GetProperty("id").GetString()!;
        var auditBefore = await _app.DbAsync(db => db.AuditEntries.CountAsync());

        (HttpMethod Method, string Url, string Body, string ScimType)[] cases =
        [
            (HttpMethod.Post, "/scim/v2/Users", "{ not json", "invalidSyntax"),
            (HttpMethod.Post, "/scim/v2/Users", "", "invalidSyntax"),
            (HttpMethod.Post, "/scim/v2/Users", "[1, 2]", "invalidSyntax"),
            (HttpMethod.Post, "/scim/v2/Users", """{ "name": { "givenName": "A", "familyName": "B" } }""", "invalidValue"),
            (HttpMethod.Post, "/scim/v2/Users", """{ "userName": "Test_User_ab6490ee", "name": { "givenName": "A", "familyName": "B" } }""", "invalidValue"),
            (HttpMethod.Post, "/scim/v2/Users", """{ "userName": "x@inst.edu.ar", "name": { "givenName": "A" } }""", "invalidValue"),
            (HttpMethod.Post, "/scim/v2/Users", """{ "userName": 42, "name": { "givenName": "A", "familyName": "B" } }""", "invalidValue"),
            (HttpMethod.Post, "/scim/v2/Users", """{ "userName": "y@inst.edu.ar", "name": { "givenName": "A", "familyName": "B" }, "active": "quizás" }""", "invalidValue"),
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", "{ \"Operations\": ", "invalidSyntax"),
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", """{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"] }""", "invalidSyntax"),
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", """{ "Operations": [{ "op": "Move", "path": "active", "value": false }] }""", "invalidSyntax"),
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", """{ "Operations": [{ "op": "Replace", "path": "active" }] }""", "invalidSyntax"),
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", """{ "Operations": [{ "op": "Remove" }] }""", "noTarget"),
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", """{ "Operations": [{ "op": "Replace", "value": "active" }] }""", "invalidSyntax"),
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", """{ "Operations": [{ "op": "Replace", "path": "active", "value": 0 }] }""", "invalidValue"),
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", """{ "Operations": [{ "op": "Remove", "path": "name.familyName" }] }""", "invalidValue"),
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", """{ "Operations": [{ "op": "Replace", "path": "timezone", "value": "Marte/Olympus" }] }""", "invalidValue"),
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", """{ "Operations": [{ "op": "Replace", "path": "name.givenName", "value": "<script>" }] }""", "invalidValue"),
            // userName is the email, which never changes: PATCH (with and without path) and PUT.
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", """{ "Operations": [{ "op": "Replace", "path": "userName", "value": "otra@inst.edu.ar" }] }""", "mutability"),
            (HttpMethod.Patch, $"/scim/v2/Users/{id}", """{ "Operations": [{ "op": "replace", "value": { "userName": "otra@inst.edu.ar", "active": false } }] }""", "mutability"),
            (HttpMethod.Put, $"/scim/v2/Users/{id}", """{ "userName": "otra@inst.edu.ar", "name": { "givenName": "Ana", "familyName": "Pérez" } }""", "mutability"),
            (HttpMethod.Put, $"/scim/v2/Users/{id}", "null", "invalidSyntax"),
        ];
        foreach (var (method, url, body, scimType) in cases)
        {
            var response = await _scim.SendJsonAsync(method, url, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {body} → {(int)response.StatusCode} {text}");
            var error = JsonDocument.Parse(text).RootElement;
            Assert.True(scimType == error.GetProperty("scimType").GetString(), $"{method} {body} → {text}");
            Assert.Equal("400", error.GetProperty("status").GetString());
        }

        Assert.Equal(auditBefore, await _app.DbAsync(db => db.AuditEntries.CountAsync()));
        var account = await _app.DbAsync(db => db.Accounts.AsNoTracking().SingleAsync());
        Assert.Equal(($"base@{AccountsTestSupport.Managed}", "Ana", "Pérez", AccountStatus.Active), (account.Email, account.FirstName, account.LastName, account.Status));
        Assert.Equal("active", _app.Sandbox().Find(account.Email)!.Status);

        // The same email in other letter case is not a change.
        var sameEmail = await _scim.SendJsonAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}",
            $$"""{ "Operations": [{ "op": "Replace", "path": "userName", "value": "BASE@{{AccountsTestSupport.Managed}}" }] }""");
        await sameEmail.ScimAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownIds_AndUnknownResources_Are404ScimErrors()
    {
        foreach (var id in new[] { Guid.NewGuid().ToString(), "no-es-un-guid", "23" })
        {
            await (await _scim.GetAsync($"/scim/v2/Users/{id}")).ScimErrorAsync(HttpStatusCode.NotFound);
            await (await _scim.SendJsonAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}",
                """{ "Operations": [{ "op": "Replace", "path": "active", "value": false }] }""")).ScimErrorAsync(HttpStatusCode.NotFound);
            await (await _scim.SendJsonAsync(HttpMethod.Put, $"/scim/v2/Users/{id}", """{ "userName": "a@b.edu.ar" }""")).ScimErrorAsync(HttpStatusCode.NotFound);
            await (await _scim.DeleteAsync($"/scim/v2/Users/{id}")).ScimErrorAsync(HttpStatusCode.NotFound);
        }
        await (await _scim.GetAsync("/scim/v2/Groups")).ScimErrorAsync(HttpStatusCode.NotFound);
        await (await _scim.SendJsonAsync(HttpMethod.Post, "/scim/v2/Users/.search", "{}")).ScimErrorAsync(HttpStatusCode.MethodNotAllowed);
        await (await _scim.GetAsync("/scim/v2/ResourceTypes/Group")).ScimErrorAsync(HttpStatusCode.NotFound);
        await (await _scim.GetAsync("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group")).ScimErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Discovery_ServiceProviderConfig_ResourceTypes_Schemas()
    {
        var config = await (await _scim.GetAsync("/scim/v2/ServiceProviderConfig")).ScimAsync(HttpStatusCode.OK);
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", config.GetProperty("schemas")[0].GetString());
        Assert.True(config.GetProperty("patch").GetProperty("supported").GetBoolean());
        Assert.True(config.GetProperty("filter").GetProperty("supported").GetBoolean());
        Assert.Equal(200, config.GetProperty("filter").GetProperty("maxResults").GetInt32());
        foreach (var unsupported in new[] { "bulk", "changePassword", "sort", "etag" })
            Assert.False(config.GetProperty(unsupported).GetProperty("supported").GetBoolean());
        Assert.Equal("oauthbearertoken", config.GetProperty("authenticationSchemes")[0].GetProperty("type").GetString());

        var types = await (await _scim.GetAsync("/scim/v2/ResourceTypes")).ScimAsync(HttpStatusCode.OK);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", types.GetProperty("schemas")[0].GetString());
        var user = Assert.Single(types.GetProperty("Resources").EnumerateArray());
        Assert.Equal(("User", "/Users", "urn:ietf:params:scim:schemas:core:2.0:User"),
            (user.GetProperty("id").GetString(), user.GetProperty("endpoint").GetString(), user.GetProperty("schema").GetString()));
        Assert.Equal("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", user.GetProperty("schemaExtensions")[0].GetProperty("schema").GetString());
        Assert.Equal("User", (await (await _scim.GetAsync("/scim/v2/ResourceTypes/User")).ScimAsync(HttpStatusCode.OK)).GetProperty("name").GetString());

        var schemas = await (await _scim.GetAsync("/scim/v2/Schemas")).ScimAsync(HttpStatusCode.OK);
        Assert.Equal(2, schemas.GetProperty("totalResults").GetInt32());
        var ids = schemas.GetProperty("Resources").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"], ids);
        var userSchema = await (await _scim.GetAsync("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User")).ScimAsync(HttpStatusCode.OK);
        var userName = userSchema.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "userName");
        Assert.Equal(("immutable", "server", true), (userName.GetProperty("mutability").GetString(), userName.GetProperty("uniqueness").GetString(),
            userName.GetProperty("required").GetBoolean()));
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:Schema", userSchema.GetProperty("schemas")[0].GetString());
    }
}
