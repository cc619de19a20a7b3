using System.Net;
using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Web.Tests.Accounts;
using Aulario.ZoomSandbox;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Web.Tests.Scim;

/// <summary>
/// The request sequences Microsoft Entra ID and Okta send (peers.md §6), replayed against the real host and the Zoom sandbox:
/// exists? → create → read → update → deactivate (→ reactivate → delete). Deactivation must leave Zoom exactly as the UI's
/// "Finalizar" does (user inactive, PMI passcode rotated), and every change is audited as "scim:&lt;token name&gt;".
/// </summary>
public sealed class ScimProviderSequenceTests
{
    [Fact]
    public async Task EntraId_Sequence_WithSsoCreate()
    {
        await using var app = new AularioWebFactory(new() { ["Zoom:SsoCreate"] = "true" });
        var (_, secret) = await app.CreateTokenAsync("Entra ID");
        var scim = app.Bearer(secret);
        const string email = "ana.gomez@inst.edu.ar";

        // 1. Does the user exist? Entra filters by userName and expects an empty ListResponse.
        var none = await (await scim.GetAsync(ScimTestSupport.Filter($"userName eq \"{email}\""))).ScimAsync(HttpStatusCode.OK);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", none.GetProperty("schemas")[0].GetString());
        Assert.Equal(0, none.GetProperty("totalResults").GetInt32());
        Assert.Equal(0, none.GetProperty("Resources").GetArrayLength());

        // 2. Create, with Entra's body (enterprise extension, roles, meta, work email).
        var post = await scim.SendJsonAsync(HttpMethod.Post, "/scim/v2/Users", $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
              "userName": "{{email}}",
              "active": true,
              "displayName": "Ana Gómez",
              "emails": [{ "primary": true, "type": "work", "value": "{{email}}" }],
              "meta": { "resourceType": "User" },
              "name": { "formatted": "Ana Gómez", "familyName": "Gómez", "givenName": "Ana" },
              "roles": [],
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "department": "Física" }
            }
            """);
        var created = await post.ScimAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"http://localhost/scim/v2/Users/{id}", post.Headers.Location?.ToString());
        Assert.Equal(email, created.GetProperty("userName").GetString());
        Assert.Equal("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", created.GetProperty("externalId").GetString());
        Assert.True(created.GetProperty("active").GetBoolean());
        Assert.Equal("Física", created.GetProperty("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").GetProperty("department").GetString());
        Assert.Equal("User", created.GetProperty("meta").GetProperty("resourceType").GetString());
        var zoomUser = app.Sandbox().Find(email)!;
        Assert.Equal(("active", 101, "Física"), (zoomUser.Status, zoomUser.LoginType, zoomUser.Dept)); // ssoCreate: active, SSO sign-in

        // 3. Read it back, by id and by externalId.
        var read = await (await scim.GetAsync($"/scim/v2/Users/{id}")).ScimAsync(HttpStatusCode.OK);
        Assert.Equal(("Ana", "Gómez"), (read.GetProperty("name").GetProperty("givenName").GetString(), read.GetProperty("name").GetProperty("familyName").GetString()));
        var byExternal = await (await scim.GetAsync(ScimTestSupport.Filter("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""))).ScimAsync(HttpStatusCode.OK);
        Assert.Equal(id, byExternal.GetProperty("Resources")[0].GetProperty("id").GetString());
        var byUserNameOtherCase = await (await scim.GetAsync(ScimTestSupport.Filter("userName eq \"ANA.Gomez@INST.edu.ar\""))).ScimAsync(HttpStatusCode.OK);
        Assert.Equal(1, byUserNameOtherCase.GetProperty("totalResults").GetInt32());

        // 4. Update attributes with Entra's shapes: capitalised ops, dotted paths, the work-email filter path, the extension URN path.
        var patched = await (await scim.SendJsonAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", $$"""
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [
                { "op": "Replace", "path": "name.givenName", "value": "Ana María" },
                { "op": "Replace", "path": "name.familyName", "value": "Gómez Ruiz" },
                { "op": "Add", "path": "displayName", "value": "Ana María Gómez Ruiz" },
                { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "{{email}}" },
                { "op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Química" }
              ]
            }
            """)).ScimAsync(HttpStatusCode.OK);
        Assert.Equal("Ana María Gómez Ruiz", patched.GetProperty("displayName").GetString());
        zoomUser = app.Sandbox().Find(email)!;
        Assert.Equal(("Ana María", "Gómez Ruiz", "Química"), (zoomUser.FirstName, zoomUser.LastName, zoomUser.Dept));

        // 5. Soft delete: Entra sends active as the string "False".
        var passcodeBefore = zoomUser.PmiPassword;
        var deactivated = await (await scim.SendJsonAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "Replace", "path": "active", "value": "False" }] }
            """)).ScimAsync(HttpStatusCode.OK);
        Assert.False(deactivated.GetProperty("active").GetBoolean());
        zoomUser = app.Sandbox().Find(email)!;
        Assert.Equal("inactive", zoomUser.Status);
        Assert.NotEqual(passcodeBefore, zoomUser.PmiPassword); // rotated, exactly as the UI's finalize
        var account = await app.DbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Email == email));
        Assert.Equal(AccountStatus.Finalized, account.Status);
        Assert.NotNull(account.FinalizedAt);
        // Entra requires the soft-deleted user to stay readable.
        var stillThere = await (await scim.GetAsync($"/scim/v2/Users/{id}")).ScimAsync(HttpStatusCode.OK);
        Assert.False(stillThere.GetProperty("active").GetBoolean());

        // 6. Restored in Entra: active "True" reactivates.
        var reactivated = await (await scim.SendJsonAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "Replace", "path": "active", "value": "True" }] }
            """)).ScimAsync(HttpStatusCode.OK);
        Assert.True(reactivated.GetProperty("active").GetBoolean());
        Assert.Equal("active", app.Sandbox().Find(email)!.Status);

        // 7. Hard delete after the recycle bin: finalized in Zoom (never deleted there), then the resource is gone for SCIM.
        var delete = await scim.DeleteAsync($"/scim/v2/Users/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal("inactive", app.Sandbox().Find(email)!.Status);
        await (await scim.GetAsync($"/scim/v2/Users/{id}")).ScimErrorAsync(HttpStatusCode.NotFound);
        await (await scim.DeleteAsync($"/scim/v2/Users/{id}")).ScimErrorAsync(HttpStatusCode.NotFound);
        var afterDelete = await (await scim.GetAsync(ScimTestSupport.Filter($"userName eq \"{email}\""))).ScimAsync(HttpStatusCode.OK);
        Assert.Equal(0, afterDelete.GetProperty("totalResults").GetInt32());
        account = await app.DbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Email == email));
        Assert.Equal(AccountStatus.Finalized, account.Status);
        Assert.NotNull(account.ScimRemovedAt);

        var audit = await app.AuditAsync("scim:Entra ID");
        Assert.Equal(["account.created", "account.edited", "account.edited", "account.finalized", "account.reactivated", "account.finalized", "account.scim-deleted"],
            audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal($"account:{email}", e.Target));
        Assert.Contains("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", audit[0].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Okta_Sequence_OnAManagedDomain()
    {
        await using var app = new AularioWebFactory();
        var (_, secret) = await app.CreateTokenAsync("Okta");
        var scim = app.Bearer(secret);
        var email = $"juan.perez@{AccountsTestSupport.Managed}";

        // Test connection: a constant page request.
        var connection = await (await scim.GetAsync("/scim/v2/Users?startIndex=1&count=2")).ScimAsync(HttpStatusCode.OK);
        Assert.Equal(1, connection.GetProperty("startIndex").GetInt32());

        var none = await (await scim.GetAsync(ScimTestSupport.Filter($"userName eq \"Juan.Perez@{AccountsTestSupport.Managed}\"") + "&startIndex=1&count=100"))
            .ScimAsync(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("totalResults").GetInt32());

        // Okta's create: mixed-case userName, a placeholder password, groups, locale.
        const string placeholder = "1mz050nq";
        var created = await (await scim.SendJsonAsync(HttpMethod.Post, "/scim/v2/Users", $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName": "Juan.Perez@{{AccountsTestSupport.Managed}}",
              "name": { "givenName": "Juan", "familyName": "Pérez" },
              "emails": [{ "primary": true, "value": "Juan.Perez@{{AccountsTestSupport.Managed}}", "type": "work" }],
              "displayName": "Juan Pérez",
              "locale": "es-AR",
              "externalId": "00ujl29u0le5T6Aj10h7",
              "groups": [],
              "password": "{{placeholder}}",
              "active": true
            }
            """)).ScimAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(email, created.GetProperty("userName").GetString());
        var zoomUser = app.Sandbox().Find(email)!;
        Assert.Equal(("active", 100), (zoomUser.Status, zoomUser.LoginType)); // autoCreate on the managed domain, as the UI does
        Assert.NotEqual(SandboxState.HashPassword(placeholder), zoomUser.PasswordHash); // Okta's placeholder is never used
        Assert.DoesNotContain(placeholder, await scim.GetStringAsync($"/scim/v2/Users/{id}"), StringComparison.Ordinal);

        var found = await (await scim.GetAsync(ScimTestSupport.Filter($"userName eq \"{email}\"") + "&startIndex=1&count=100")).ScimAsync(HttpStatusCode.OK);
        Assert.Equal(id, found.GetProperty("Resources")[0].GetProperty("id").GetString());

        // Profile change: PUT of the full user.
        var put = await (await scim.SendJsonAsync(HttpMethod.Put, $"/scim/v2/Users/{id}", $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "id": "{{id}}",
              "userName": "{{email}}",
              "name": { "givenName": "Juan Carlos", "familyName": "Pérez" },
              "emails": [{ "primary": true, "value": "{{email}}", "type": "work" }],
              "displayName": "Juan Carlos Pérez",
              "locale": "es-AR",
              "groups": [],
              "password": "{{placeholder}}",
              "active": true,
              "meta": { "resourceType": "User" }
            }
            """)).ScimAsync(HttpStatusCode.OK);
        Assert.Equal("Juan Carlos", put.GetProperty("name").GetProperty("givenName").GetString());
        Assert.Equal("00ujl29u0le5T6Aj10h7", put.GetProperty("externalId").GetString()); // not sent in the PUT: kept
        Assert.Equal("Juan Carlos", app.Sandbox().Find(email)!.FirstName);

        // Okta's password push is accepted and ignored: Aulario never sets a Zoom password from the identity provider.
        var hashBefore = app.Sandbox().Find(email)!.PasswordHash;
        await (await scim.SendJsonAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "replace", "value": { "password": "Otra-Clave-2026" } }] }
            """)).ScimAsync(HttpStatusCode.OK);
        Assert.Equal(hashBefore, app.Sandbox().Find(email)!.PasswordHash);

        // Deactivation: replace without path, value is an object.
        var passcodeBefore = app.Sandbox().Find(email)!.PmiPassword;
        var deactivated = await (await scim.SendJsonAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "replace", "value": { "active": false } }] }
            """)).ScimAsync(HttpStatusCode.OK);
        Assert.False(deactivated.GetProperty("active").GetBoolean());
        zoomUser = app.Sandbox().Find(email)!;
        Assert.Equal("inactive", zoomUser.Status);
        Assert.NotEqual(passcodeBefore, zoomUser.PmiPassword);

        // Reactivation: Okta PUTs the user with active true.
        var reactivated = await (await scim.SendJsonAsync(HttpMethod.Put, $"/scim/v2/Users/{id}", $$"""
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{email}}",
              "name": { "givenName": "Juan Carlos", "familyName": "Pérez" }, "active": true }
            """)).ScimAsync(HttpStatusCode.OK);
        Assert.True(reactivated.GetProperty("active").GetBoolean());
        Assert.Equal(("active", 2), (app.Sandbox().Find(email)!.Status, app.Sandbox().Find(email)!.Type));

        // Deactivation again, as a PUT with active false.
        await (await scim.SendJsonAsync(HttpMethod.Put, $"/scim/v2/Users/{id}", $$"""
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{email}}",
              "name": { "givenName": "Juan Carlos", "familyName": "Pérez" }, "active": false }
            """)).ScimAsync(HttpStatusCode.OK);
        Assert.Equal("inactive", app.Sandbox().Find(email)!.Status);

        var audit = await app.AuditAsync("scim:Okta");
        Assert.Equal(["account.created", "account.edited", "account.finalized", "account.reactivated", "account.finalized"], audit.Select(e => e.Action));
    }

    [Fact]
    public async Task Deactivating_APendingUser_WithdrawsTheZoomInvitation_AsTheUiDoes()
    {
        await using var app = new AularioWebFactory();
        var (_, secret) = await app.CreateTokenAsync("Entra ID");
        var scim = app.Bearer(secret);
        const string email = "docente@otra.edu.ar";

        var created = await (await scim.SendJsonAsync(HttpMethod.Post, "/scim/v2/Users", $$"""
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{email}}", "externalId": "e-1",
              "name": { "givenName": "Rosa", "familyName": "Díaz" }, "active": true }
            """)).ScimAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.True(created.GetProperty("active").GetBoolean()); // pending in Zoom, but not deactivated
        Assert.Equal("pending", app.Sandbox().Find(email)!.Status); // create: Zoom's activation email (no SSO, not a managed domain)

        var deactivated = await (await scim.SendJsonAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "Replace", "path": "active", "value": false }] }
            """)).ScimAsync(HttpStatusCode.OK);
        Assert.False(deactivated.GetProperty("active").GetBoolean());
        Assert.Null(app.Sandbox().Find(email));
        var account = await app.DbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Email == email));
        Assert.Equal((AccountStatus.Finalized, (string?)null), (account.Status, account.ZoomUserId));

        // Profile changes to a deactivated user are refused until it is reactivated; the same values are fine.
        var same = await scim.SendJsonAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "Replace", "path": "name.givenName", "value": "Rosa" }] }
            """);
        await same.ScimAsync(HttpStatusCode.OK);
        var changed = await scim.SendJsonAsync(HttpMethod.Patch, $"/scim/v2/Users/{id}", """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "Replace", "path": "name.givenName", "value": "Rosalía" }] }
            """);
        await changed.ScimErrorAsync(HttpStatusCode.BadRequest, "mutability");
        Assert.Equal("Rosa", (await app.DbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Email == email))).FirstName);
    }

    [Fact]
    public async Task Post_OfAnExistingUser_Is409Uniqueness_AndChangesNothing()
    {
        await using var app = new AularioWebFactory();
        var (_, secret) = await app.CreateTokenAsync("Okta");
        var scim = app.Bearer(secret);
        var body = $$"""
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "dup@{{AccountsTestSupport.Managed}}",
              "name": { "givenName": "Dora", "familyName": "Dup" }, "active": true }
            """;
        await (await scim.SendJsonAsync(HttpMethod.Post, "/scim/v2/Users", body)).ScimAsync(HttpStatusCode.Created);
        var createdInZoom = app.Sandbox().Stats.UsersCreatedByEmail[$"dup@{AccountsTestSupport.Managed}"];

        var again = await scim.SendJsonAsync(HttpMethod.Post, "/scim/v2/Users", body.Replace("\"dup@", "\"DUP@", StringComparison.Ordinal));
        await again.ScimErrorAsync(HttpStatusCode.Conflict, "uniqueness");
        Assert.Equal(createdInZoom, app.Sandbox().Stats.UsersCreatedByEmail[$"dup@{AccountsTestSupport.Managed}"]);
        Assert.Equal(1, await app.DbAsync(db => db.Accounts.CountAsync()));
        Assert.Single(await app.AuditAsync("scim:Okta"));
    }
}
