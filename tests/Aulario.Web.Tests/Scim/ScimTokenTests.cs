using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Aulario.Core.ApiTokens;
using Aulario.Core.Audit;
using Aulario.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Scim;

/// <summary>SCIM tokens: created on /tokens/scim by an institution admin and shown once, stored as SHA-256, revocable, audited;
/// a SCIM token opens only /scim/v2 and an API token never does.</summary>
public sealed partial class ScimTokenTests
{
    [Fact]
    public async Task CreatedOnPage_IsShownOnce_Hashed_Audited_AndListedApartFromApiTokens()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(ScimTestSupport.AdminEmail, ScimTestSupport.AdminPassword);
        var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(ScimTestSupport.AdminEmail, ScimTestSupport.AdminPassword);
        await app.CreateTokenAsync("CLI de prueba", ApiTokenScopes.Api);

        var page = await (await browser.GetAsync("/tokens/scim")).Content.ReadAsStringAsync();
        Assert.Contains("http://localhost/scim/v2", page, StringComparison.Ordinal);
        Assert.DoesNotContain("CLI de prueba", page, StringComparison.Ordinal);

        var antiforgery = await browser.AntiforgeryTokenAsync("/tokens/scim");
        var created = await browser.PostFormAsync("/tokens/scim?handler=Create", antiforgery, ("Name", "Entra ID"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var secret = Assert.Single(TokenPattern().Matches(await created.Content.ReadAsStringAsync()).Select(m => m.Value).Distinct());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var stored = await db.ApiTokens.SingleAsync(t => t.Name == "Entra ID");
            Assert.Equal(ApiTokenScopes.Scim, stored.Scopes);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), stored.TokenHash);
            var audit = Assert.Single(await db.AuditEntries.Where(e => e.Action == "scim-token.created").ToListAsync());
            Assert.Equal(ScimTestSupport.AdminEmail, audit.Actor);
            Assert.DoesNotContain(secret, audit.Target + audit.After, StringComparison.Ordinal);
        }

        var later = await (await browser.GetAsync("/tokens/scim")).Content.ReadAsStringAsync();
        Assert.Contains("Entra ID", later, StringComparison.Ordinal);
        Assert.Empty(TokenPattern().Matches(later));
        Assert.DoesNotContain("Entra ID", await (await browser.GetAsync("/tokens")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same name twice among active SCIM tokens is refused (it is the audit actor).
        antiforgery = await browser.AntiforgeryTokenAsync("/tokens/scim");
        var duplicate = await browser.PostFormAsync("/tokens/scim?handler=Create", antiforgery, ("Name", " Entra ID "));
        Assert.Empty(TokenPattern().Matches(await duplicate.Content.ReadAsStringAsync()));
        Assert.Equal(1, await app.DbAsync(db => db.ApiTokens.CountAsync(t => t.Scopes == ApiTokenScopes.Scim)));

        Assert.Equal(HttpStatusCode.OK, (await app.Bearer(secret).GetAsync("/scim/v2/Users")).StatusCode);
    }

    [Fact]
    public async Task RevokingOnPage_StopsTheToken_AndIsAudited_WhileTheApiTokensPageCannotRevokeIt()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(ScimTestSupport.AdminEmail, ScimTestSupport.AdminPassword);
        var (id, secret) = await app.CreateTokenAsync("Okta");
        var scim = app.Bearer(secret);
        Assert.Equal(HttpStatusCode.OK, (await scim.GetAsync("/scim/v2/Users")).StatusCode);
        var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(ScimTestSupport.AdminEmail, ScimTestSupport.AdminPassword);

        var wrongPage = await browser.PostFormAsync($"/tokens?handler=Revoke&id={id:D}", await browser.AntiforgeryTokenAsync("/tokens"));
        Assert.Equal(HttpStatusCode.OK, wrongPage.StatusCode); // the page shows "not found"
        Assert.Equal(HttpStatusCode.OK, (await scim.GetAsync("/scim/v2/Users")).StatusCode);

        var revoked = await browser.PostFormAsync($"/tokens/scim?handler=Revoke&id={id:D}", await browser.AntiforgeryTokenAsync("/tokens/scim"));
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var response = await scim.GetAsync("/scim/v2/Users");
        await response.ScimErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var entry = Assert.Single(await app.AuditAsync(ScimTestSupport.AdminEmail), e => e.Action == "scim-token.revoked");
        Assert.Contains("Okta", entry.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyScimTokensOpenScim_AndScimTokensNeverOpenTheApi()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(ScimTestSupport.AdminEmail, ScimTestSupport.AdminPassword);
        var (_, scimSecret) = await app.CreateTokenAsync("Entra ID");
        var (_, apiSecret) = await app.CreateTokenAsync("CLI", ApiTokenScopes.Api);
        var (revokedId, revokedSecret) = await app.CreateTokenAsync("Viejo");
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<ApiTokenCommands>()
                .RevokeAsync(revokedId, new Actor(ScimTestSupport.AdminEmail), ApiTokenScopes.Scim)).IsSuccess);
        var cookie = app.CreateBrowserLikeClient();
        await cookie.SignInAsync(ScimTestSupport.AdminEmail, ScimTestSupport.AdminPassword);

        var refused = new[] { app.CreateClient(), app.Bearer(apiSecret), app.Bearer(revokedSecret), app.Bearer(ApiTokenSecret.New()), app.Bearer("basura"), cookie };
        foreach (var client in refused)
        foreach (var path in new[] { "/scim/v2/Users", "/scim/v2/ServiceProviderConfig", "/scim/v2/Groups" })
        {
            var response = await client.GetAsync(path);
            await response.ScimErrorAsync(HttpStatusCode.Unauthorized);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
        var post = await app.Bearer(apiSecret).SendJsonAsync(HttpMethod.Post, "/scim/v2/Users",
            """{ "userName": "x@inst.edu.ar", "name": { "givenName": "X", "familyName": "Y" } }""");
        await post.ScimErrorAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await app.DbAsync(db => db.Accounts.CountAsync()));

        Assert.Equal(HttpStatusCode.OK, (await app.Bearer(scimSecret).GetAsync("/scim/v2/Users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Bearer(scimSecret).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Bearer(scimSecret).GetAsync("/api/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Bearer(apiSecret).GetAsync("/api/v1/me")).StatusCode);
        // A SCIM token never opens pages either.
        Assert.Equal(HttpStatusCode.Redirect, (await app.Bearer(scimSecret).GetAsync("/tokens/scim")).StatusCode);
    }

    [GeneratedRegex("aul_[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenPattern();
}
