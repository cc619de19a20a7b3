using System.Net;
using System.Text.RegularExpressions;
using Aulario.Core.Audit;
using Aulario.Persistence;
using Aulario.Web.Features.Admins;
using Aulario.Web.Tests.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Admins;

/// <summary>/administradores: invite → mailed single-use link → password → sign-in with the portal's view only; a portal change
/// ends the session and the next sign-in shows the new portal; the last institution admin and oneself are protected; host access.</summary>
public sealed partial class AdminManagementTests : IAsyncLifetime
{
    // Sessions re-check the security stamp on every request, so a change shows at once (production: Sessions:RecheckInterval, 1 minute).
    private readonly AularioWebFactory _app = new(new() { ["Sessions:RecheckInterval"] = "00:00:00" });

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnInvitedPortalAdmin_SetsTheirPasswordOnce_AndSeesOnlyTheirPortal()
    {
        var world = await RolesWorld.CreateAsync(_app);
        var admin = await world.SignedInAsync(_app, RolesWorld.InstitutionAdmin);
        var token = await admin.AntiforgeryTokenAsync("/administradores");
        var added = await admin.PostFormAsync("/administradores", token, ("Form.Email", "nueva.admin@inst.edu.ar"), ("Form.DisplayName", "Nueva Admin"),
            ("Form.Role", "portal"), ("Form.PortalIds", world.PortalA.ToString()));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("nueva.admin@inst.edu.ar", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var link = await MailedLinkAsync("nueva.admin@inst.edu.ar");
        Assert.StartsWith("/contrasena?usuario=", link, StringComparison.Ordinal);
        Assert.Null(await PasswordHashAsync("nueva.admin@inst.edu.ar")); // no default password, ever

        var person = _app.CreateBrowserLikeClient();
        var form = await person.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var page = await form.Content.ReadAsStringAsync();
        var set = await person.PostFormAsync(link, FormPosts.ReadToken(page), ("Password", "mi-frase-larga-secreta"), ("Confirm", "mi-frase-larga-secreta"));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/ingresar?contrasena=true", set.Headers.Location?.ToString());
        Assert.Contains("Contraseña guardada", await person.GetStringAsync("/ingresar?contrasena=true"), StringComparison.Ordinal);
        // Single use: the same link no longer works.
        var again = await (await _app.CreateBrowserLikeClient().GetAsync(link)).Content.ReadAsStringAsync();
        Assert.Contains("El enlace no es válido", again, StringComparison.Ordinal);

        var signedIn = await person.SignInAsync("nueva.admin@inst.edu.ar", "mi-frase-larga-secreta");
        Assert.Equal("/", signedIn.Headers.Location?.ToString());
        var accounts = await person.GetStringAsync("/cuentas");
        Assert.Contains("duena.a@inst.edu.ar", accounts, StringComparison.Ordinal);
        Assert.DoesNotContain("cuenta.bravo@inst.edu.ar", accounts, StringComparison.Ordinal);
        var portals = await person.GetStringAsync("/portales");
        Assert.Contains("PORTALALFA", portals, StringComparison.Ordinal);
        Assert.DoesNotContain("PORTALBRAVO", portals, StringComparison.Ordinal);
        Assert.DoesNotContain("/portales/nuevo", portals, StringComparison.Ordinal);
        var admins = await person.GetAsync("/administradores");
        Assert.Contains("/error/403", admins.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);

        var actions = await AuditAsync("user:nueva.admin@inst.edu.ar");
        Assert.Contains(actions, a => a.Action == "admin.invited" && a.Actor == RolesWorld.InstitutionAdmin && a.After!.Contains("PORTALALFA", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.Action == "user.password-set");
    }

    [Fact]
    public async Task ChangingAPortalAdminsPortals_EndsTheirSession_AndTheNextSignInShowsTheNewPortal()
    {
        var world = await RolesWorld.CreateAsync(_app);
        var portalAdmin = await world.SignedInAsync(_app, RolesWorld.AdminA);
        Assert.Contains("PORTALALFA", await portalAdmin.GetStringAsync("/portales"), StringComparison.Ordinal);

        var admin = await world.SignedInAsync(_app, RolesWorld.InstitutionAdmin);
        var id = await UserIdAsync(RolesWorld.AdminA);
        var token = await admin.AntiforgeryTokenAsync($"/administradores/{id}");
        var changed = await admin.PostFormAsync($"/administradores/{id}?handler=Change", token, ("Form.Role", "portal"), ("Form.PortalIds", world.PortalB.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var stale = await portalAdmin.GetAsync("/portales");
        Assert.Contains("/ingresar", stale.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        var again = _app.CreateBrowserLikeClient();
        await again.SignInAsync(RolesWorld.AdminA, RolesWorld.Password);
        var portals = await again.GetStringAsync("/portales");
        Assert.Contains("PORTALBRAVO", portals, StringComparison.Ordinal);
        Assert.DoesNotContain("PORTALALFA", portals, StringComparison.Ordinal);
        var audit = await AuditAsync($"user:{RolesWorld.AdminA}");
        Assert.Contains(audit, a => a.Action == "admin.changed" && a.Before!.Contains("PORTALALFA", StringComparison.Ordinal) && a.After!.Contains("PORTALBRAVO", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheLastInstitutionAdmin_AndOneself_CannotBeRemovedDisabledOrDemoted()
    {
        var world = await RolesWorld.CreateAsync(_app);
        await using var scope = _app.Services.CreateAsyncScope();
        var admins = scope.ServiceProvider.GetRequiredService<AdminManagement>();
        var only = await UserIdAsync(RolesWorld.InstitutionAdmin);
        var other = await UserIdAsync(RolesWorld.AdminB);
        var actor = new Actor(RolesWorld.AdminB);
        Assert.Equal("admin.last", (await admins.RemoveAsync(only, actor, other)).Errors[0].Code);
        Assert.Equal("admin.last", (await admins.DisableAsync(only, actor, other)).Errors[0].Code);
        Assert.Equal("admin.last", (await admins.ChangeAsync(only, AdminRole.Portal, [world.PortalA], actor, other)).Errors[0].Code);
        Assert.Equal("admin.self", (await admins.RemoveAsync(only, new Actor(RolesWorld.InstitutionAdmin), only)).Errors[0].Code);
        Assert.Equal("admin.self", (await admins.DisableAsync(other, actor, other)).Errors[0].Code);

        // With a second institution admin, the first can be disabled (and can no longer sign in), then removed.
        Assert.True((await admins.ChangeAsync(other, AdminRole.Institution, [], new Actor(RolesWorld.InstitutionAdmin), only)).IsSuccess);
        Assert.True((await admins.DisableAsync(only, actor, other)).IsSuccess);
        var signIn = await _app.CreateBrowserLikeClient().SignInAsync(RolesWorld.InstitutionAdmin, RolesWorld.Password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode); // the form again, with the error
        Assert.Equal("admin.last", (await admins.DisableAsync(other, new Actor("alguien"), only)).Errors[0].Code);
        Assert.True((await admins.RemoveAsync(only, actor, other)).IsSuccess);
        var audit = await AuditAsync($"user:{RolesWorld.InstitutionAdmin}");
        Assert.Contains(audit, a => a.Action == "admin.disabled" && a.Actor == RolesWorld.AdminB);
        Assert.Contains(audit, a => a.Action == "admin.removed" && a.Actor == RolesWorld.AdminB);
    }

    [Fact]
    public async Task AnAccountsOwner_GivenSelfService_SetsAPassword_AndLandsOnSelfServiceNotOnAdminPages()
    {
        var world = await RolesWorld.CreateAsync(_app);
        var admin = await world.SignedInAsync(_app, RolesWorld.InstitutionAdmin);
        var token = await admin.AntiforgeryTokenAsync($"/cuentas/{world.AccountB}");
        var granted = await admin.PostFormAsync($"/cuentas/{world.AccountB}?handler=GrantSelfService", token);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var host = await users.FindByEmailAsync("cuenta.bravo@inst.edu.ar");
            Assert.NotNull(host);
            Assert.Equal(world.AccountB, host.AccountId);
            Assert.Equal([AularioRoles.Host], await users.GetRolesAsync(host));
        }
        var link = await MailedLinkAsync("cuenta.bravo@inst.edu.ar");
        var person = _app.CreateBrowserLikeClient();
        var page = await (await person.GetAsync(link)).Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await person.PostFormAsync(link, FormPosts.ReadToken(page), ("Password", "la-frase-de-beto-bravo"), ("Confirm", "la-frase-de-beto-bravo"))).StatusCode);
        var signIn = await person.SignInAsync("cuenta.bravo@inst.edu.ar", "la-frase-de-beto-bravo");
        Assert.Equal("/mi-cuenta", signIn.Headers.Location?.ToString());
        Assert.Contains("/error/403", (await person.GetAsync("/cuentas")).Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/api/v1/accounts")).StatusCode);
        Assert.Contains(await AuditAsync("account:cuenta.bravo@inst.edu.ar"), a => a.Action == "account.self-service-granted" && a.PortalId == world.PortalB);
        // A second grant is refused (the owner already has access).
        var second = await admin.PostFormAsync($"/cuentas/{world.AccountB}?handler=GrantSelfService", token);
        Assert.Contains("ya tiene acceso", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> MailedLinkAsync(string to)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        var mail = (await db.OutboxMails.AsNoTracking().Where(m => m.To == to).ToListAsync()).OrderByDescending(m => m.CreatedAt).First();
        var url = new Uri(Link().Match(mail.TextBody).Value);
        return url.PathAndQuery;
    }

    private async Task<string?> PasswordHashAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.PasswordHash;
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task<List<AuditEntry>> AuditAsync(string target)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AularioDbContext>().AuditEntries.AsNoTracking().Where(a => a.Target == target).ToListAsync();
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
