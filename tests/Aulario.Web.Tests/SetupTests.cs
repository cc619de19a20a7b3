using System.Net;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aulario.Web.Tests;

/// <summary>The first admin: a one-time token logged once at start; /setup needs it and disappears afterwards.</summary>
public sealed class SetupTests
{
    private const string Password = "clave-de-prueba-larga-2026";

    [Fact]
    public async Task Start_WithNoUsers_LogsTheSetupLinkOnceAtWarning()
    {
        await using var app = new AularioWebFactory();
        var token = app.SetupToken();

        var lines = app.Logs.Entries.Where(e => e.Message.Contains(token, StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("/setup?token=", line.Message, StringComparison.Ordinal);
        Assert.True(token.Length >= 40, "the token should be long (256 bits)");
    }

    [Fact]
    public async Task Setup_WithoutOrWithWrongToken_IsRefused()
    {
        await using var app = new AularioWebFactory();
        var token = app.SetupToken();
        var client = app.CreateBrowserLikeClient();

        var missing = await client.GetAsync("/setup");
        var wrong = await client.GetAsync("/setup?token=" + token[..^2] + "xx");

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("Acceso denegado", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A POST with a valid antiforgery token but the wrong setup token creates nothing.
        var page = await client.GetStringAsync("/ingresar");
        var post = await client.PostFormAsync("/setup", FormPosts.ReadToken(page), ("Token", "no-es-el-token"),
            ("Input.Email", "intruso@inst.edu.ar"), ("Input.DisplayName", "Intruso"), ("Input.Password", Password), ("Input.ConfirmPassword", Password));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().Users.AnyAsync());
    }

    [Fact]
    public async Task Setup_WithRightToken_CreatesTheAdmin_AuditsIt_AndThenIsGone()
    {
        await using var app = new AularioWebFactory();
        var token = app.SetupToken();
        var client = app.CreateBrowserLikeClient();

        var form = await client.GetAsync("/setup?token=" + token);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Crear el primer administrador", html, StringComparison.Ordinal);

        var created = await client.PostFormAsync("/setup", FormPosts.ReadToken(html), ("Token", token),
            ("Input.Email", "admin@inst.edu.ar"), ("Input.DisplayName", "Ana Admin"), ("Input.Password", Password), ("Input.ConfirmPassword", Password));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("/ingresar", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = await users.FindByEmailAsync("admin@inst.edu.ar");
            Assert.NotNull(admin);
            Assert.Equal("Ana Admin", admin.DisplayName);
            Assert.True(await users.IsInRoleAsync(admin, AularioRoles.InstitutionAdmin));
            Assert.NotEqual(Password, admin.PasswordHash);
            Assert.True(await users.CheckPasswordAsync(admin, Password));
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == "admin.created");
            Assert.Equal("user:admin@inst.edu.ar", entry.Target);
            Assert.DoesNotContain(Password, entry.After ?? "", StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup?token=" + token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
        var again = await client.PostFormAsync("/setup", FormPosts.ReadToken(html), ("Token", token),
            ("Input.Email", "otro@inst.edu.ar"), ("Input.DisplayName", "Otro"), ("Input.Password", Password), ("Input.ConfirmPassword", Password));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Setup_ShortOrMismatchedPassword_ShowsSpanishErrors_AndKeepsTheTokenUsable()
    {
        await using var app = new AularioWebFactory();
        var token = app.SetupToken();
        var client = app.CreateBrowserLikeClient();
        var html = await client.GetStringAsync("/setup?token=" + token);

        var response = await client.PostFormAsync("/setup", FormPosts.ReadToken(html), ("Token", token),
            ("Input.Email", "admin@inst.edu.ar"), ("Input.DisplayName", "Ana"), ("Input.Password", "corta"), ("Input.ConfirmPassword", "distinta"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("La contraseña debe tener entre 12 y 256 caracteres.", page, StringComparison.Ordinal);
        Assert.Contains("Las contraseñas no coinciden.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/setup?token=" + token)).StatusCode);
    }

    [Fact]
    public async Task Start_WithAnExistingUser_OpensNoSetup()
    {
        var directory = Path.Combine(Path.GetTempPath(), "aulario-web-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Aulario:DataDirectory"] = directory };
        await using (var first = new AularioWebFactory(settings))
        {
            await first.CreateAdminAsync("admin@inst.edu.ar", Password);
        }
        await using var second = new AularioWebFactory(settings);
        _ = second.Services;

        Assert.DoesNotContain(second.Logs.Entries, e => e.EventId == 1001);
        Assert.Equal(HttpStatusCode.NotFound, (await second.CreateBrowserLikeClient().GetAsync("/setup?token=x")).StatusCode);
    }
}
