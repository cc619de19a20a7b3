using System.Net;
using System.Text.Json;
using Aulario.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests;

/// <summary>Sign-in with Identity: lockout, audit, the signed-in API and pages.</summary>
public sealed class SignInTests
{
    private const string Email = "admin@inst.edu.ar";
    private const string Password = "clave-de-prueba-larga-2026";

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccount_EvenForTheRightPassword()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var client = app.CreateBrowserLikeClient();

        for (var i = 0; i < 4; i++)
        {
            var failed = await client.SignInAsync(Email, "contraseña-equivocada-" + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("El correo o la contraseña no son correctos.", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var fifth = await client.SignInAsync(Email, "contraseña-equivocada-5");
        Assert.Contains("bloqueada", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await client.SignInAsync(Email, Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // the form again, not the redirect of a successful sign-in
        Assert.Contains("bloqueada", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.Action == "signin.failed"));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "signin.locked-out"));
        var user = await db.Users.SingleAsync(u => u.Email == Email);
        Assert.NotNull(user.LockoutEnd);
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task SignIn_RightPassword_AuditsIt_SetsAHardenedCookie_AndOpensTheDashboard()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var client = app.CreateBrowserLikeClient();

        var response = await client.SignInAsync(Email, Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aulario.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var dashboard = await client.GetStringAsync("/");
        Assert.Contains("Panel", dashboard, StringComparison.Ordinal);
        Assert.Contains("Modo demo", dashboard, StringComparison.Ordinal);
        Assert.Contains("_sandbox/mailbox", dashboard, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "signin.succeeded");
        Assert.Equal(Email, entry.Actor);
        Assert.Equal("user:" + Email, entry.Target);
    }

    [Fact]
    public async Task SignedIn_ApiMe_AuditApi_AuditPage_SignOut()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(Email, Password);

        using (var me = JsonDocument.Parse(await client.GetStringAsync("/api/v1/me")))
        {
            Assert.Equal(Email, me.RootElement.GetProperty("email").GetString());
            Assert.Contains(AularioRoles.InstitutionAdmin, me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }
        using (var audit = JsonDocument.Parse(await client.GetStringAsync("/api/v1/audit?accion=signin")))
        {
            var actions = audit.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()).ToList();
            Assert.Equal(["signin.succeeded"], actions);
        }
        var inverted = await client.GetAsync("/api/v1/audit?desde=2026-03-10&hasta=2026-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, inverted.StatusCode);
        Assert.Equal("application/problem+json", inverted.Content.Headers.ContentType?.MediaType);
        var garbage = await client.GetAsync("/api/v1/audit?desde=no-es-fecha");
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);

        var page = await client.GetAsync("/auditoria?accion=admin&desde=basura");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("admin.created", html, StringComparison.Ordinal);
        Assert.DoesNotContain("signin.succeeded", html, StringComparison.Ordinal);
        Assert.Contains("no es válido", html, StringComparison.Ordinal);

        var notFound = await client.GetAsync("/no-existe");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("Página no encontrada", await notFound.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var signOut = await client.PostFormAsync("/salir", FormPosts.ReadToken(html));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AularioDbContext>().AuditEntries.AnyAsync(a => a.Action == "signout" && a.Actor == Email));
    }

    [Fact]
    public async Task CultureSwitch_SignedIn_IsStoredInTheProfile_AndAudited()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(Email, Password);
        var html = await client.GetStringAsync("/");

        await client.PostFormAsync("/cultura", FormPosts.ReadToken(html), ("culture", "en"), ("returnUrl", "/"));

        Assert.Contains("Dashboard", await client.GetStringAsync("/"), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        Assert.Equal("en", (await db.Users.SingleAsync()).Culture);
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "user.culture-changed");
        Assert.Equal(Email, entry.Actor);
        Assert.Contains("\"en\"", entry.After, StringComparison.Ordinal);
    }
}
