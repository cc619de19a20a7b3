using System.Net;
using Aulario.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Aulario.Web.Tests.Security.TwoFactorSupport;

namespace Aulario.Web.Tests.Security;

/// <summary>Changing the own password on /seguridad: the current password is checked (and a wrong one counts toward the lockout),
/// Identity's rules (12+) and Aulario's (no e-mail or name in it, no very common password) answer in Spanish, the change is audited
/// without the password, and only the new password signs in afterwards.</summary>
public sealed class AccountPasswordTests
{
    private const string NewPassword = "un-paseo-por-la-costanera-2027";

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next, string? confirm = null) =>
        PostOnPageAsync(client, "/seguridad", "Password", ("CurrentPassword", current), ("NewPassword", next), ("ConfirmPassword", confirm ?? next));

    [Theory]
    [InlineData("corta-2026", "al menos 12")]
    [InlineData("admin@inst.edu.ar-2026", "no puede contener su correo electrónico ni su nombre")]
    [InlineData("mi-clave-ADMIN-nueva", "no puede contener su correo electrónico ni su nombre")]            // the part before the @
    [InlineData("Admin de Prueba 2026!", "no puede contener su correo electrónico ni su nombre")]           // the display name
    [InlineData("Contraseña2026!", "demasiado común")]
    [InlineData("administrador123", "demasiado común")]
    [InlineData("123456789012", "demasiado común")]
    [InlineData("qwertyuiop123", "demasiado común")]
    [InlineData("adminadmin2026", "demasiado común")]
    public async Task WeakPasswords_AreRefusedWithASpanishMessage_AndChangeNothing(string weak, string message)
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var client = await SignedInAdminAsync(app);

        var response = await ChangeAsync(client, Password, weak);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithPasswordAsync(app.CreateBrowserLikeClient())).StatusCode); // old one still works
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AularioDbContext>().AuditEntries.AnyAsync(a => a.Action == "user.password-changed"));
    }

    [Fact]
    public async Task WrongCurrentPassword_Mismatch_AndEmpty_AreRefused_WrongOneCountsTowardLockout()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var client = await SignedInAdminAsync(app);

        var wrong = await ChangeAsync(client, "no-es-la-actual-2026", NewPassword);
        Assert.Contains("La contraseña actual no es correcta.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var mismatch = await ChangeAsync(client, Password, NewPassword, NewPassword + "x");
        Assert.Contains("no coinciden", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var empty = await ChangeAsync(client, "", "");
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Escriba su contraseña actual.", html, StringComparison.Ordinal);
        Assert.Contains("Escriba la nueva contraseña.", html, StringComparison.Ordinal);
        var same = await ChangeAsync(client, Password, Password);
        Assert.Contains("distinta de la actual", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        Assert.Equal(1, (await db.Users.SingleAsync()).AccessFailedCount);
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "user.password-change-refused").ToListAsync());
    }

    [Fact]
    public async Task RightChange_IsAuditedWithoutThePassword_AndOnlyTheNewPasswordSignsIn()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        var client = await SignedInAdminAsync(app);

        var changed = await ChangeAsync(client, Password, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("Contraseña cambiada", await client.GetStringAsync("/seguridad"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode); // this session goes on

        var old = await SignInWithPasswordAsync(app.CreateBrowserLikeClient());
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Contains("no son correctos", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithPasswordAsync(app.CreateBrowserLikeClient(), password: NewPassword)).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var entry = await scope.ServiceProvider.GetRequiredService<AularioDbContext>().AuditEntries.SingleAsync(a => a.Action == "user.password-changed");
        Assert.Equal((Email, "user:" + Email), (entry.Actor, entry.Target));
        Assert.DoesNotContain(NewPassword, entry.Target + entry.Before + entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameRules_ApplyWhenTheFirstAdminIsCreated()
    {
        await using var app = new AularioWebFactory();
        var personal = await Assert.ThrowsAsync<InvalidOperationException>(() => app.CreateAdminAsync(Email, "admin@inst.edu.ar!!2026"));
        Assert.Contains("no puede contener su correo", personal.Message, StringComparison.Ordinal);
        var common = await Assert.ThrowsAsync<InvalidOperationException>(() => app.CreateAdminAsync(Email, "bienvenido2026"));
        Assert.Contains("demasiado común", common.Message, StringComparison.Ordinal);
    }
}
