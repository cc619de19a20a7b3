using System.Security.Claims;
using Aulario.Core.Accounts;
using Aulario.Core.Portals;
using Aulario.Persistence;
using Aulario.Web.Features.Demo;
using Aulario.Web.Features.Sso;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Sso;

/// <summary>The callback's provisioning and mapping rules on the real host (SQLite, Zoom sandbox in-process), fed with the
/// claims the OpenID Connect handler would hand over. The browser tests cover the same path end to end.</summary>
public sealed class SsoSignInTests
{
    private const string Issuer = "http://127.0.0.1:9";

    private static AularioWebFactory App(string provisioning = "SsoCreate") => new(new Dictionary<string, string?>
    {
        ["Sso:Authority"] = Issuer,
        ["Sso:ClientId"] = "aulario",
        ["Sso:ClientSecret"] = "s3creto",
        ["Sso:RequireHttpsMetadata"] = "false",
        ["Sso:AllowedEmailDomains:0"] = "inst.edu.ar",
        ["Sso:RoleClaim"] = "groups",
        ["Sso:RoleMappings:0:Value"] = "zoom-admins",
        ["Sso:RoleMappings:0:Role"] = "InstitutionAdmin",
        ["Sso:RoleMappings:1:Value"] = "issp-admins",
        ["Sso:RoleMappings:1:Role"] = "PortalAdmin",
        ["Sso:RoleMappings:1:Portals:0"] = "issp",
        ["Sso:ZoomProvisioning"] = provisioning,
    });

    private static ClaimsPrincipal Person(string sub, string email, string given = "Ana", string family = "García", bool? verified = true, params string[] groups)
    {
        var claims = new List<Claim> { new("sub", sub), new("email", email), new("given_name", given), new("family_name", family) };
        if (verified is { } v) claims.Add(new Claim("email_verified", v ? "true" : "false"));
        claims.AddRange(groups.Select(g => new Claim("groups", g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc"));
    }

    private static async Task<SsoOutcome> SignInAsync(AularioWebFactory app, ClaimsPrincipal person)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SsoSignIn>().ProcessAsync(person, CancellationToken.None);
    }

    private static async Task<T> ReadAsync<T>(AularioWebFactory app, Func<AularioDbContext, UserManager<AppUser>, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AularioDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    [Fact]
    public async Task Create_mode_leaves_the_new_account_pending_until_zooms_activation_mail()
    {
        await using var app = App("Create");
        var outcome = await SignInAsync(app, Person("u1", "ana@inst.edu.ar"));
        Assert.NotNull(outcome.User);
        var account = await ReadAsync(app, (db, _) => db.Accounts.SingleAsync(a => a.Email == "ana@inst.edu.ar"));
        Assert.Equal(AccountStatus.Pending, account.Status);
        var state = app.Services.GetRequiredService<DemoSandbox>().Server!.State;
        Assert.Equal("pending", state.Find("ana@inst.edu.ar")!.Status);
        Assert.Contains(state.Mailbox, m => m.To == "ana@inst.edu.ar");
        Assert.Equal(account.Id, outcome.User!.AccountId);
    }

    [Fact]
    public async Task None_mode_creates_no_zoom_user_and_links_an_account_created_later()
    {
        await using var app = App("None");
        var first = await SignInAsync(app, Person("u2", "beto@inst.edu.ar", "Beto", "Pérez"));
        Assert.NotNull(first.User);
        Assert.Null(first.User!.AccountId);
        Assert.Null(app.Services.GetRequiredService<DemoSandbox>().Server!.State.Find("beto@inst.edu.ar"));
        Assert.Equal(0, await ReadAsync(app, (db, _) => db.Accounts.CountAsync(a => a.Email == "beto@inst.edu.ar")));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<CreateAccount>().HandleAsync(
                new CreateAccountRequest("beto@inst.edu.ar", "Beto", "Pérez"), new Aulario.Core.Audit.Actor("admin"), Aulario.Core.Common.AdminScope.Institution);
            Assert.True(created.IsSuccess);
        }
        var second = await SignInAsync(app, Person("u2", "beto@inst.edu.ar", "Beto", "Pérez"));
        var account = await ReadAsync(app, (db, _) => db.Accounts.SingleAsync(a => a.Email == "beto@inst.edu.ar"));
        Assert.Equal(account.Id, second.User!.AccountId);
        Assert.Equal(1, await ReadAsync(app, (db, _) => db.Users.CountAsync(u => u.Email == "beto@inst.edu.ar")));
    }

    [Fact]
    public async Task A_local_admin_signing_in_by_sso_is_linked_and_keeps_the_admin_role_given_locally()
    {
        await using var app = App();
        await app.CreateAdminAsync("admin@inst.edu.ar", "una-frase-larga-de-prueba-2026");
        var outcome = await SignInAsync(app, Person("adm", "ADMIN@inst.edu.ar"));
        Assert.True(outcome.IsAdmin);
        var (users, roles, logins) = await ReadAsync(app, async (db, um) =>
        {
            var u = (await um.FindByEmailAsync("admin@inst.edu.ar"))!;
            return (await db.Users.CountAsync(), await um.GetRolesAsync(u), await um.GetLoginsAsync(u));
        });
        Assert.Equal(1, users);
        Assert.Equal([AularioRoles.Host, AularioRoles.InstitutionAdmin], roles.Order());
        Assert.Equal((Issuer, "adm"), (Assert.Single(logins).LoginProvider, logins[0].ProviderKey));
    }

    [Fact]
    public async Task A_recycled_email_at_a_new_subject_is_refused_and_never_inherits_the_old_user()
    {
        await using var app = App();
        Assert.NotNull((await SignInAsync(app, Person("old-subject", "ines@inst.edu.ar"))).User);
        var refused = await SignInAsync(app, Person("new-subject", "ines@inst.edu.ar", "Inés", "Otra"));
        Assert.Null(refused.User);
        Assert.Equal(SsoRefusal.EmailLinkedElsewhere, refused.Refusal);
        var user = await ReadAsync(app, (_, um) => um.FindByLoginAsync(Issuer, "new-subject"));
        Assert.Null(user);
        Assert.Equal("Ana García", (await ReadAsync(app, (_, um) => um.FindByEmailAsync("ines@inst.edu.ar")))!.DisplayName);
    }

    [Fact]
    public async Task Later_sign_ins_match_the_subject_not_the_email_and_reapply_the_mapping()
    {
        await using var app = App();
        await ReadAsync(app, async (db, _) =>
        {
            db.Portals.Add(new Portal { Code = "ISSP", Name = "Instituto" });
            return await db.SaveChangesAsync();
        });
        var portalAdmin = await SignInAsync(app, Person("s-77", "carla@inst.edu.ar", groups: "issp-admins"));
        Assert.True(portalAdmin.IsAdmin);
        var (roles, portals) = await ReadAsync(app, async (db, um) =>
        {
            var u = (await um.FindByLoginAsync(Issuer, "s-77"))!;
            return (await um.GetRolesAsync(u), await db.AdminPortals.Where(p => p.UserId == u.Id).CountAsync());
        });
        Assert.Equal([AularioRoles.PortalAdmin], roles);
        Assert.Equal(1, portals);

        // The provider now sends another email for the same subject and no group: same user, admin role and portal gone.
        var later = await SignInAsync(app, Person("s-77", "carla.otra@inst.edu.ar", "Carla", "Díaz"));
        Assert.False(later.IsAdmin);
        var (user, roles2, portals2, count) = await ReadAsync(app, async (db, um) =>
        {
            var u = (await um.FindByLoginAsync(Issuer, "s-77"))!;
            return (u, await um.GetRolesAsync(u), await db.AdminPortals.Where(p => p.UserId == u.Id).CountAsync(), await db.Users.CountAsync());
        });
        Assert.Equal("carla@inst.edu.ar", user.Email);
        Assert.Equal("Carla Díaz", user.DisplayName);
        Assert.Equal([AularioRoles.Host], roles2);
        Assert.Equal((0, 1), (portals2, count));
        Assert.Equal(2, await ReadAsync(app, (db, _) => db.AuditEntries.CountAsync(a => a.Action == "sso.roles-changed" && a.Actor == "sso:" + Issuer)));
    }

    [Theory]
    [InlineData("dana@otra.edu.ar", true, SsoRefusal.Domain)]
    [InlineData("dana@inst.edu.ar", false, SsoRefusal.EmailUnverified)]
    [InlineData("no-es-un-correo", true, SsoRefusal.NoEmail)]
    public async Task Refusals_create_nothing(string email, bool verified, SsoRefusal reason)
    {
        await using var app = App();
        var outcome = await SignInAsync(app, Person("d-1", email, verified: verified));
        Assert.Equal(reason, outcome.Refusal);
        Assert.Equal((0, 0), await ReadAsync(app, async (db, _) => (await db.Users.CountAsync(), await db.Accounts.CountAsync())));
        Assert.DoesNotContain(app.Services.GetRequiredService<DemoSandbox>().Server!.State.Users, u => u.Email == email);
    }

    [Fact]
    public async Task A_missing_identifier_is_refused()
    {
        await using var app = App();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", "eva@inst.edu.ar")], "oidc"));
        Assert.Equal(SsoRefusal.NoIdentifier, (await SignInAsync(app, principal)).Refusal);
        Assert.Equal(0, await ReadAsync(app, (db, _) => db.Users.CountAsync()));
    }
}
