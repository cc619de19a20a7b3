using System.Net;
using Aulario.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Aulario.Web.Tests.Security.TwoFactorSupport;

namespace Aulario.Web.Tests.Security;

/// <summary>/seguridad and /seguridad/activar: the shared key and QR code, a verified code before enabling, 10 recovery codes shown
/// once and stored hashed, the key encrypted at rest, new codes, turning it off with a code or the password; all audited without secrets.</summary>
public sealed class TwoFactorEnrolmentTests
{
    [Fact]
    public async Task Enable_ShowsKeyAndQr_NeedsARightCode_ThenShowsTenCodesOnce_StoredHashed_AndAudited()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var client = await SignedInAdminAsync(app);

        var status = await client.GetStringAsync("/seguridad");
        Assert.Contains("Seguridad de la cuenta", status, StringComparison.Ordinal);
        Assert.Contains("Desactivada", status, StringComparison.Ordinal);

        var setup = await client.GetAsync("/seguridad/activar");
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Contains("no-store", setup.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var html = await setup.Content.ReadAsStringAsync();
        var key = SharedKey(html);
        Assert.Equal(32, key.Length);
        Assert.Matches("id=\"shared-key\"[^>]*>([A-Z2-7]{4} ){7}[A-Z2-7]{4}<", html); // grouped for typing
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains($"otpauth://totp/Aulario:{Uri.EscapeDataString(Email)}?secret={key}&amp;issuer=Aulario", html, StringComparison.Ordinal);
        Assert.Equal(key, SharedKey(await client.GetStringAsync("/seguridad/activar"))); // the same pending key on a second visit

        var wrong = await client.PostFormAsync("/seguridad/activar", FormPosts.ReadToken(html), ("Code", WrongCode(key)));
        Assert.Contains("El código no coincide", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var letters = await client.PostFormAsync("/seguridad/activar", FormPosts.ReadToken(html), ("Code", "12ab56"));
        Assert.Contains("El código tiene 6 dígitos", await letters.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.False((await scope.ServiceProvider.GetRequiredService<AularioDbContext>().Users.SingleAsync()).TwoFactorEnabled);

        var right = await client.PostFormAsync("/seguridad/activar", FormPosts.ReadToken(html), ("Code", Code(key)));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("no-store", right.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var codes = RecoveryCodes(await right.Content.ReadAsStringAsync());
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());

        var after = await client.GetStringAsync("/seguridad");
        Assert.Contains("Activada", after, StringComparison.Ordinal);
        Assert.Contains("Códigos de recuperación sin usar: 10.", after, StringComparison.Ordinal);
        Assert.Empty(RecoveryCodes(after));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/seguridad/activar")).StatusCode); // already on

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var user = await db.Users.SingleAsync();
            Assert.True(user.TwoFactorEnabled);
            var tokens = await db.UserTokens.Where(t => t.UserId == user.Id).ToListAsync();
            var stored = string.Join("|", tokens.Select(t => t.Value));
            Assert.DoesNotContain(key, stored, StringComparison.OrdinalIgnoreCase);
            foreach (var code in codes) Assert.DoesNotContain(code, stored, StringComparison.OrdinalIgnoreCase);
            var recovery = Assert.Single(tokens, t => t.Name == "RecoveryCodes").Value!;
            Assert.Equal(codes.Select(AularioUserStore.HashCode).Order(), recovery.Split(';').Order());
            var audit = await db.AuditEntries.Where(a => a.Action.StartsWith("user.")).ToListAsync();
            Assert.Contains(audit, a => a.Action == "user.authenticator-key-created" && a.Actor == Email && a.Target == "user:" + Email);
            Assert.Single(audit, a => a.Action == "user.two-factor-enabled");
            var written = string.Join("|", audit.Select(a => a.Target + a.Before + a.After));
            Assert.DoesNotContain(key, written, StringComparison.OrdinalIgnoreCase);
            foreach (var code in codes) Assert.DoesNotContain(code, written, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task NewRecoveryCodes_ReplaceTheOldOnes_AndAreShownOnlyOnce()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var client = await SignedInAdminAsync(app);
        var enrolled = await EnableAsync(client);

        var response = await PostOnPageAsync(client, "/seguridad", "RecoveryCodes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var fresh = RecoveryCodes(await response.Content.ReadAsStringAsync());
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(enrolled.RecoveryCodes));
        Assert.Empty(RecoveryCodes(await client.GetStringAsync("/seguridad")));

        var other = app.CreateBrowserLikeClient();
        await SignInWithPasswordAsync(other);
        var old = await PostRecoveryCodeAsync(other, enrolled.RecoveryCodes[0]);
        Assert.Contains("no es válido o ya se usó", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var current = await PostRecoveryCodeAsync(other, fresh[0]);
        Assert.Equal(HttpStatusCode.Redirect, current.StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "user.recovery-codes-regenerated");
        Assert.Equal("{\"Count\":10}", entry.After);
    }

    [Fact]
    public async Task Disable_NeedsARightCodeOrPassword_WrongOnesCountTowardLockout_AndTheOldKeyStopsWorking()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var client = await SignedInAdminAsync(app);
        var enrolled = await EnableAsync(client);

        var empty = await PostOnPageAsync(client, "/seguridad", "Disable", ("Proof", ""));
        Assert.Contains("Escriba el código de la aplicación o su contraseña", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrongCode = await PostOnPageAsync(client, "/seguridad", "Disable", ("Proof", WrongCode(enrolled.Key)));
        Assert.Contains("sigue activa", await wrongCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrongPassword = await PostOnPageAsync(client, "/seguridad", "Disable", ("Proof", "no-es-mi-contraseña-2026"));
        Assert.Contains("sigue activa", await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var user = await db.Users.SingleAsync();
            Assert.True(user.TwoFactorEnabled);
            Assert.Equal(2, user.AccessFailedCount);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "user.two-factor-disable-refused"));
        }

        var off = await PostOnPageAsync(client, "/seguridad", "Disable", ("Proof", Code(enrolled.Key)));
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Contains("quedó desactivada", await client.GetStringAsync("/seguridad"), StringComparison.Ordinal);

        var again = app.CreateBrowserLikeClient();
        var signIn = await SignInWithPasswordAsync(again);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString); // no code step any more
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var user = await db.Users.SingleAsync();
            Assert.False(user.TwoFactorEnabled);
            Assert.Single(await db.AuditEntries.Where(a => a.Action == "user.two-factor-disabled").ToListAsync());
        }

        // Enabling again shows a new key: the old app entry's codes do not work.
        var html = await again.GetStringAsync("/seguridad/activar");
        Assert.NotEqual(enrolled.Key, SharedKey(html));
        var old = await again.PostFormAsync("/seguridad/activar", FormPosts.ReadToken(html), ("Code", Code(enrolled.Key)));
        Assert.Contains("El código no coincide", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_WithThePassword_Works()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var client = await SignedInAdminAsync(app);
        await EnableAsync(client);

        var off = await PostOnPageAsync(client, "/seguridad", "Disable", ("Proof", Password));
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False((await scope.ServiceProvider.GetRequiredService<AularioDbContext>().Users.SingleAsync()).TwoFactorEnabled);
    }

    [Fact]
    public async Task AnySignedInUser_ReachesTheSecurityPage_ButNotAdminPages()
    {
        await using var app = new AularioWebFactory();
        const string host = "docente@inst.edu.ar";
        await CreateUserAsync(app, host, "mate-amargo-en-la-sala-2026");
        var client = await SignedInAdminAsync(app, host, "mate-amargo-en-la-sala-2026");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/seguridad")).StatusCode);
        var enrolled = await EnableAsync(client);
        Assert.Equal(10, enrolled.RecoveryCodes.Count);
        foreach (var adminPage in new[] { "/", "/cuentas", "/ajustes", "/auditoria" })
        {
            var response = await client.GetAsync(adminPage);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, adminPage + " → " + response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Redirect) Assert.Contains("/error/403", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }
}
