using System.Net;
using Aulario.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Aulario.Web.Tests.Security.TwoFactorSupport;

namespace Aulario.Web.Tests.Security;

/// <summary>Signing in with two-step verification: password, then the app's code or a recovery code (single use); wrong codes count
/// toward the lockout; "recordar este navegador"; the return URL is followed only when local.</summary>
public sealed class TwoFactorSignInTests
{
    private static async Task<(AularioWebFactory App, Enrolled Enrolled)> EnrolledAdminAsync(DatabaseProvider engine = DatabaseProvider.Sqlite)
    {
        var app = await StartAsync(engine);
        await app.CreateAdminAsync(Email, Password);
        var client = await SignedInAdminAsync(app);
        return (app, await EnableAsync(client));
    }

    [Fact]
    public async Task RightPassword_AsksForTheCode_ThenTheRightCodeSignsIn_AndIsAudited()
    {
        var (app, enrolled) = await EnrolledAdminAsync();
        await using var _ = app;
        var client = app.CreateBrowserLikeClient();

        var password = await SignInWithPasswordAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/ingresar/codigo", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(password.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aulario.auth=", StringComparison.Ordinal) && !c.StartsWith("aulario.auth=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode); // not signed in yet
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var page = await client.GetStringAsync(password.Headers.Location!.OriginalString);
        Assert.Contains("Código de verificación", page, StringComparison.Ordinal);
        Assert.Contains("/ingresar/recuperacion", page, StringComparison.Ordinal);
        Assert.Contains("Recordar este navegador", page, StringComparison.Ordinal);

        var empty = await PostCodeAsync(client, "");
        Assert.Contains("Escriba el código de 6 dígitos", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var response = await PostCodeAsync(client, Code(enrolled.Key)[..3] + " " + Code(enrolled.Key)[3..]); // spaces are fine
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "signin.password-accepted"));
        var success = await db.AuditEntries.Where(a => a.Action == "signin.succeeded").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, success.Count); // the first sign-in (before enrolling) and this one
        Assert.Equal("{\"SecondFactor\":\"authenticator\"}", success[1].After);
    }

    [Fact]
    public async Task CodeStep_WithoutARightPasswordFirst_SendsBackToSignIn()
    {
        await using var app = new AularioWebFactory();
        var client = app.CreateBrowserLikeClient();
        foreach (var path in new[] { "/ingresar/codigo", "/ingresar/recuperacion" })
        {
            var get = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.Equal("/ingresar", get.Headers.Location!.OriginalString);
        }
        var token = await client.AntiforgeryTokenAsync("/ingresar");
        var post = await client.PostFormAsync("/ingresar/codigo", token, ("Code", "123456"));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/ingresar", post.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ReturnUrl_IsKeptThroughTheCodeStep_OnlyWhenLocal()
    {
        var (app, enrolled) = await EnrolledAdminAsync();
        await using var _ = app;

        var local = app.CreateBrowserLikeClient();
        var step = await SignInWithPasswordAsync(local, returnUrl: "/auditoria?accion=signin");
        Assert.Equal("/ingresar/codigo?ReturnUrl=%2Fauditoria%3Faccion%3Dsignin", step.Headers.Location!.OriginalString);
        var done = await PostCodeAsync(local, Code(enrolled.Key), returnUrl: "/auditoria?accion=signin");
        Assert.Equal("/auditoria?accion=signin", done.Headers.Location!.OriginalString);

        foreach (var evil in new[] { "https://evil.example/", "//evil.example/x", "/\\evil.example" })
        {
            var client = app.CreateBrowserLikeClient();
            await SignInWithPasswordAsync(client, returnUrl: evil);
            var response = await PostCodeAsync(client, Code(enrolled.Key), returnUrl: evil);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task WrongCodes_CountTowardTheLockout_ThenEvenTheRightCodeIsRefused()
    {
        var (app, enrolled) = await EnrolledAdminAsync();
        await using var _ = app;
        var client = app.CreateBrowserLikeClient();
        await SignInWithPasswordAsync(client);

        for (var i = 0; i < 4; i++)
        {
            var wrong = await PostCodeAsync(client, WrongCode(enrolled.Key));
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("El código no es correcto", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var fifth = await PostCodeAsync(client, WrongCode(enrolled.Key));
        Assert.Contains("bloqueada", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var right = await PostCodeAsync(client, Code(enrolled.Key));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("bloqueada", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);

        // A right password does not reset the count for a two-step user, and the account stays locked.
        var later = app.CreateBrowserLikeClient();
        var password = await SignInWithPasswordAsync(later);
        Assert.Contains("bloqueada", await password.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.Action == "signin.second-factor-failed"));
        Assert.True(await db.AuditEntries.CountAsync(a => a.Action == "signin.locked-out") >= 2);
        var user = await db.Users.SingleAsync();
        Assert.NotNull(user.LockoutEnd);
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(TwoFactorSupport))]
    public async Task RecoveryCode_SignsInOnce_AndCannotBeUsedAgain(DatabaseProvider engine)
    {
        var (app, enrolled) = await EnrolledAdminAsync(engine);
        await using var _ = app;
        var code = enrolled.RecoveryCodes[3];

        var first = app.CreateBrowserLikeClient();
        await SignInWithPasswordAsync(first);
        Assert.Contains("Código de recuperación", await first.GetStringAsync("/ingresar/recuperacion"), StringComparison.Ordinal);
        var used = await PostRecoveryCodeAsync(first, " " + code.ToLowerInvariant() + " "); // case and spaces do not matter
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/", used.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains("Códigos de recuperación sin usar: 9.", await first.GetStringAsync("/seguridad"), StringComparison.Ordinal);

        var second = app.CreateBrowserLikeClient();
        await SignInWithPasswordAsync(second);
        var reused = await PostRecoveryCodeAsync(second, code);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("no es válido o ya se usó", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/me")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        var user = await db.Users.SingleAsync();
        Assert.Equal(1, user.AccessFailedCount); // the reused code counted toward the lockout
        var success = await db.AuditEntries.SingleAsync(a => a.Action == "signin.succeeded" && a.After!.Contains("recovery-code"));
        Assert.DoesNotContain(code, success.After!, StringComparison.OrdinalIgnoreCase);
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "signin.second-factor-failed").ToListAsync());
    }

    [Fact]
    public async Task WrongRecoveryCodes_CountTowardTheLockout()
    {
        var (app, _) = await EnrolledAdminAsync();
        await using var __ = app;
        var client = app.CreateBrowserLikeClient();
        await SignInWithPasswordAsync(client);
        for (var i = 0; i < 4; i++)
            Assert.Contains("no es válido", await (await PostRecoveryCodeAsync(client, $"AAAAA-BBBB{i}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var fifth = await PostRecoveryCodeAsync(client, "AAAAA-CCCCC");
        Assert.Contains("bloqueada", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RememberThisBrowser_SkipsTheCodeOnThatBrowserOnly()
    {
        var (app, enrolled) = await EnrolledAdminAsync();
        await using var _ = app;
        var browser = app.CreateBrowserLikeClient();
        await SignInWithPasswordAsync(browser);
        var remembered = await PostCodeAsync(browser, Code(enrolled.Key), remember: true);
        var cookie = Assert.Single(remembered.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aulario.2fa-recordar=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);

        var html = await browser.GetStringAsync("/seguridad");
        Assert.Contains("Olvidar este navegador", html, StringComparison.Ordinal);
        await browser.PostFormAsync("/salir", FormPosts.ReadToken(html));
        var again = await SignInWithPasswordAsync(browser);
        Assert.Equal("/", again.Headers.Location!.OriginalString); // no code asked on this browser

        var elsewhere = app.CreateBrowserLikeClient();
        var other = await SignInWithPasswordAsync(elsewhere);
        Assert.StartsWith("/ingresar/codigo", other.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Forgetting it asks for the code again.
        await PostOnPageAsync(browser, "/seguridad", "ForgetBrowser");
        await browser.PostFormAsync("/salir", await browser.AntiforgeryTokenAsync("/seguridad"));
        var forgotten = await SignInWithPasswordAsync(browser);
        Assert.StartsWith("/ingresar/codigo", forgotten.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
