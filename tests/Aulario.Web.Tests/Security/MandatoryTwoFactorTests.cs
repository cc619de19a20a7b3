using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aulario.Core.ApiTokens;
using Aulario.Core.Audit;
using Aulario.Core.Security;
using Aulario.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Aulario.Web.Tests.Security.TwoFactorSupport;

namespace Aulario.Web.Tests.Security;

/// <summary>/ajustes "Exigir verificación en dos pasos a los administradores": stored, audited; while on, an admin without it reaches
/// only the enrolment pages and /api/v1 refuses their cookie with 403 until they enrol; API tokens and non-admins are not affected.</summary>
public sealed class MandatoryTwoFactorTests
{
    private const string Second = "segundo@inst.edu.ar";
    private const string SecondPassword = "otra-frase-de-prueba-2026";

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(TwoFactorSupport))]
    public async Task Setting_IsStoredAndAudited_AndOnlyInstitutionAdminsReachIt(DatabaseProvider engine)
    {
        await using var app = await StartAsync(engine);
        await app.CreateAdminAsync(Email, Password);
        var admin = await SignedInAdminAsync(app);

        var page = await admin.GetStringAsync("/ajustes");
        Assert.Contains("Exigir verificación en dos pasos a los administradores", page, StringComparison.Ordinal);
        Assert.DoesNotContain("checked", page, StringComparison.Ordinal);
        Assert.Contains(Email, page, StringComparison.Ordinal); // listed among the admins without two-step verification

        var saved = await admin.PostFormAsync("/ajustes", FormPosts.ReadToken(page), ("RequireTwoFactorForAdmins", "true"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var settings = await db.SecuritySettings.SingleAsync();
            Assert.True(settings.RequireTwoFactorForAdmins);
            Assert.Equal(Email, settings.UpdatedBy);
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == "settings.security-updated");
            Assert.Equal((Email, "settings:security"), (entry.Actor, entry.Target));
            Assert.Equal("{\"RequireTwoFactorForAdmins\":false}", entry.Before);
            Assert.Equal("{\"RequireTwoFactorForAdmins\":true}", entry.After);
        }

        // The admin who turned it on has not enrolled: the next page is the enrolment.
        var next = await admin.GetAsync("/ajustes");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/seguridad/activar", next.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await EnableAsync(admin);
        var on = await admin.GetStringAsync("/ajustes");
        Assert.Contains("checked", on, StringComparison.Ordinal);

        // Off again (an unchecked box posts nothing); saving the same value twice audits once.
        await admin.PostFormAsync("/ajustes", FormPosts.ReadToken(on));
        await admin.PostFormAsync("/ajustes", await admin.AntiforgeryTokenAsync("/ajustes"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            Assert.False((await db.SecuritySettings.SingleAsync()).RequireTwoFactorForAdmins);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "settings.security-updated"));
        }

        const string host = "docente@inst.edu.ar";
        await CreateUserAsync(app, host, "mate-amargo-en-la-sala-2026");
        var user = await SignedInAdminAsync(app, host, "mate-amargo-en-la-sala-2026");
        var refused = await user.GetAsync("/ajustes");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/error/403", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var forbidden = await user.PostFormAsync("/ajustes", await user.AntiforgeryTokenAsync("/seguridad"), ("RequireTwoFactorForAdmins", "true"));
        Assert.Contains("/error/403", forbidden.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.False((await scope.ServiceProvider.GetRequiredService<AularioDbContext>().SecuritySettings.SingleAsync()).RequireTwoFactorForAdmins);
    }

    [Theory]
    [MemberData(nameof(Engines), MemberType = typeof(TwoFactorSupport))]
    public async Task WhenRequired_AnAdminWithoutIt_MustEnrolBeforeAnyAdminPageOrCookieApi_ButTokensStillWork(DatabaseProvider engine)
    {
        await using var app = await StartAsync(engine);
        await app.CreateAdminAsync(Email, Password);
        await CreateUserAsync(app, Second, SecondPassword, AularioRoles.InstitutionAdmin);
        const string host = "docente@inst.edu.ar";
        await CreateUserAsync(app, host, "mate-amargo-en-la-sala-2026");
        string tokenSecret;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var required = await scope.ServiceProvider.GetRequiredService<SecuritySettingsCommands>().SetRequireTwoFactorForAdminsAsync(true, new Actor(Email));
            Assert.True(required.IsSuccess);
            var token = await scope.ServiceProvider.GetRequiredService<ApiTokenCommands>().CreateAsync("script", new Actor(Second));
            tokenSecret = token.Value.Secret;
        }

        var client = app.CreateBrowserLikeClient();
        var signIn = await SignInWithPasswordAsync(client, Second, SecondPassword, returnUrl: "/cuentas");
        Assert.Equal("/cuentas", signIn.Headers.Location!.OriginalString);
        foreach (var path in new[] { "/", "/cuentas", "/ajustes", "/auditoria", "/tokens", "/aulas?x=1" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/seguridad/activar?returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.OriginalString);
        }
        var posted = await client.PostFormAsync("/ajustes", await client.AntiforgeryTokenAsync("/seguridad"), ("RequireTwoFactorForAdmins", "false"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/seguridad/activar", posted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        foreach (var path in new[] { "/api/v1/me", "/api/v1/audit", "/api/v1/accounts" })
        {
            var api = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("two-factor.enrolment-required", problem.GetProperty("code").GetString());
        }

        // API tokens are not affected.
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokenSecret);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me")).StatusCode);

        // Non-admins are not affected (their own page works, admin pages stay forbidden as always).
        var user = await SignedInAdminAsync(app, host, "mate-amargo-en-la-sala-2026");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/seguridad")).StatusCode);
        Assert.Contains("/error/403", (await user.GetAsync("/cuentas")).Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The enrolment page says why, keeps where the admin was going, and afterwards everything opens.
        var enrolPage = await client.GetStringAsync("/seguridad/activar?returnUrl=%2Fcuentas");
        Assert.Contains("La institución exige la verificación en dos pasos", enrolPage, StringComparison.Ordinal);
        var key = SharedKey(enrolPage);
        var enabled = await client.PostFormAsync("/seguridad/activar", FormPosts.ReadToken(enrolPage), ("Code", Code(key)), ("ReturnUrl", "/cuentas"));
        var done = await enabled.Content.ReadAsStringAsync();
        Assert.Equal(10, RecoveryCodes(done).Count);
        Assert.Contains("href=\"/cuentas\"", done, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cuentas")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        // While required, an admin cannot turn it off.
        var off = await PostOnPageAsync(client, "/seguridad", "Disable", ("Proof", SecondPassword));
        Assert.Contains("no se puede desactivar", await off.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<AularioDbContext>().Users.SingleAsync(u => u.Email == Second)).TwoFactorEnabled);

        // Next sign-in asks for the code as usual.
        var later = app.CreateBrowserLikeClient();
        var step = await SignInWithPasswordAsync(later, Second, SecondPassword);
        Assert.StartsWith("/ingresar/codigo", step.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
