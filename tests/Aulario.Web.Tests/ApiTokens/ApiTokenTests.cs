using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aulario.Core.ApiTokens;
using Aulario.Core.Audit;
using Aulario.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Aulario.Web.Tests.ApiTokens;

/// <summary>API tokens: created on /tokens and shown once, stored as SHA-256 only, accepted as `Authorization: Bearer` on /api/v1,
/// rejected with 401 ProblemDetails when unknown, malformed or revoked; creating and revoking are audited.</summary>
public sealed partial class ApiTokenTests
{
    private const string Email = "admin@inst.edu.ar";
    private const string Password = "clave-de-prueba-larga-2026";

    [Fact]
    public async Task CreatedOnPage_IsShownOnce_AndOnlyItsHashIsStored_AndAudited()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(Email, Password);

        var antiforgery = await browser.AntiforgeryTokenAsync("/tokens");
        var created = await browser.PostFormAsync("/tokens?handler=Create", antiforgery, ("Name", "CLI de prueba"));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var html = await created.Content.ReadAsStringAsync();
        var secrets = TokenPattern().Matches(html).Select(m => m.Value).Distinct().ToList();
        var secret = Assert.Single(secrets);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var stored = Assert.Single(await db.ApiTokens.ToListAsync());
            Assert.Equal("CLI de prueba", stored.Name);
            Assert.Equal(Email, stored.CreatedBy);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), stored.TokenHash);
            Assert.DoesNotContain(secret, stored.TokenHash + stored.Name + stored.Scopes, StringComparison.Ordinal);
            var audit = Assert.Single(await db.AuditEntries.Where(e => e.Action == "api-token.created").ToListAsync());
            Assert.Equal(Email, audit.Actor);
            Assert.DoesNotContain(secret, audit.After ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(secret, audit.Target, StringComparison.Ordinal);
        }

        var later = await (await browser.GetAsync("/tokens")).Content.ReadAsStringAsync();
        Assert.Contains("CLI de prueba", later, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, later, StringComparison.Ordinal);
        Assert.Empty(TokenPattern().Matches(later));
    }

    [Fact]
    public async Task Bearer_Works_OnMe_AndAudit_WithTheCreatorsRoles_AndRecordsLastUse()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var (id, secret) = await CreateTokenAsync(app, "script");
        var api = BearerClient(app, secret);

        var me = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Email, body.GetProperty("email").GetString());
        Assert.Contains(AularioRoles.InstitutionAdmin, body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var audit = await api.GetAsync("/api/v1/audit?accion=api-token");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var page = await audit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(page.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "api-token.created");

        await using var scope = app.Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<AularioDbContext>().ApiTokens.SingleAsync(t => t.Id == id);
        Assert.NotNull(token.LastUsedAt);
    }

    [Fact]
    public async Task RejectedTokens_AndNoToken_Get401ProblemDetails()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var (id, revokedSecret) = await CreateTokenAsync(app, "revocado");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var revoked = await scope.ServiceProvider.GetRequiredService<ApiTokenCommands>().RevokeAsync(id, new Actor(Email));
            Assert.True(revoked.IsSuccess);
        }

        string?[] presented = [revokedSecret, ApiTokenSecret.New(), "basura", "aul_" + new string('x', 10), null];
        foreach (var secret in presented)
        {
            var client = secret is null ? app.CreateClient() : BearerClient(app, secret);
            foreach (var path in new[] { "/api/v1/me", "/api/v1/audit" })
            {
                var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(401, problem.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
            }
        }
    }

    [Fact]
    public async Task RevokingOnPage_StopsTheToken_AndIsAudited()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var (id, secret) = await CreateTokenAsync(app, "para revocar");
        var api = BearerClient(app, secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(Email, Password);
        var antiforgery = await browser.AntiforgeryTokenAsync("/tokens");
        var revoked = await browser.PostFormAsync($"/tokens?handler=Revoke&id={id:D}", antiforgery);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        Assert.NotNull((await db.ApiTokens.SingleAsync(t => t.Id == id)).RevokedAt);
        var entry = Assert.Single(await db.AuditEntries.Where(e => e.Action == "api-token.revoked").ToListAsync());
        Assert.Equal(Email, entry.Actor);
        Assert.Contains("para revocar", entry.Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieStillWorksOnTheApi_AndTokensPageRequiresAdmin()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserLikeClient().GetAsync("/tokens")).StatusCode);

        var browser = app.CreateBrowserLikeClient();
        await browser.SignInAsync(Email, Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
        // A bearer token never opens pages: only /api reads it.
        var (_, secret) = await CreateTokenAsync(app, "solo api");
        var pageWithBearer = await BearerClient(app, secret).GetAsync("/tokens");
        Assert.Equal(HttpStatusCode.Redirect, pageWithBearer.StatusCode);
    }

    [Fact]
    public async Task LastUsedAt_IsWrittenAtMostOncePerMinute()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var (id, secret) = await CreateTokenAsync(app, "reloj");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

        async Task<DateTimeOffset?> UseAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var result = await new ApiTokenAuthenticator(db, clock).AuthenticateAsync(secret, ApiTokenScopes.Api);
            Assert.True(result.IsSuccess);
            return (await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == id)).LastUsedAt;
        }

        var start = clock.GetUtcNow();
        Assert.Equal(start, await UseAsync());
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(start, await UseAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(start.AddMinutes(1), await UseAsync());
    }

    [Fact]
    public async Task Create_RejectsEmptyAndDuplicateNames_WithoutStoringAnything()
    {
        await using var app = new AularioWebFactory();
        await using var scope = app.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenCommands>();
        var actor = new Actor(Email);

        Assert.Equal("api-token.name-required", (await tokens.CreateAsync("  ", actor)).Errors[0].Code);
        Assert.True((await tokens.CreateAsync("CLI", actor)).IsSuccess);
        Assert.Equal("api-token.duplicate-name", (await tokens.CreateAsync(" CLI ", actor)).Errors[0].Code);
        var created = await tokens.CreateAsync("Otro", actor);
        Assert.StartsWith(ApiTokenSecret.Prefix, created.Value.Secret, StringComparison.Ordinal);
        Assert.Equal(ApiTokenSecret.Length, created.Value.Secret.Length);
        Assert.Equal(2, (await tokens.ListAsync()).Count);
    }

    private static async Task<(Guid Id, string Secret)> CreateTokenAsync(AularioWebFactory app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiTokenCommands>().CreateAsync(name, new Actor(Email));
        return (created.Value.Token.Id, created.Value.Secret);
    }

    private static HttpClient BearerClient(AularioWebFactory app, string secret)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [GeneratedRegex("aul_[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenPattern();
}
