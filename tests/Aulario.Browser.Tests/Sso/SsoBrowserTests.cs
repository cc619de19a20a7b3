using Aulario.Persistence;
using Aulario.Web.Features.Demo;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Aulario.Browser.Tests.Sso;

/// <summary>"Ingresar con …" in a real browser against a real OpenID Connect provider (npm oidc-provider, its dev login and
/// consent pages) and the real app with the Zoom sandbox: provisioning, role mapping, name refresh, refusals.</summary>
public sealed class SsoBrowserTests(SsoWorld world) : IClassFixture<SsoWorld>
{
    private string SsoActor => "sso:" + world.Provider.Issuer;
    private DemoSandbox Demo => world.App.Services.GetRequiredService<DemoSandbox>();

    private async Task<(IBrowserContext Context, IPage Page)> NewPageAsync()
    {
        var browser = await BrowserSession.GetAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = world.App.BaseUrl.ToString() });
        return (context, await context.NewPageAsync());
    }

    /// <summary>Aulario's sign-in page → the provider's dev login form → consent → back in Aulario.</summary>
    private async Task SignInAtProviderAsync(IPage page, string login)
    {
        await page.GotoAsync("/ingresar");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Ingresar con {SsoWorld.ProviderName}" }).ClickAsync();
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("cualquier-clave");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(world.App.BaseUrl.ToString(), StringComparison.Ordinal));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private async Task<T> InDbAsync<T>(Func<AularioDbContext, UserManager<AppUser>, Task<T>> read)
    {
        await using var scope = world.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AularioDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        AxeResult result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"Accessibility problems on {what}:\n" + string.Join("\n", serious));
    }

    [Fact]
    public async Task FirstSignIn_OfAnAdminMappedPerson_CreatesUserAccountAndSsoZoomUser_AndOpensAdminPages()
    {
        const string email = "ana.garcia@inst.edu.ar";
        await world.Provider.SetAccountAsync("agarcia", new { email, given_name = "Ana", family_name = "García", groups = new[] { "docentes", SsoWorld.AdminGroup } });
        var (context, page) = await NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/ingresar");
        await AssertAccessibleAsync(page, "/ingresar with SSO");

        await SignInAtProviderAsync(page, "agarcia");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Panel", Level = 1 }).WaitForAsync();
        Assert.Equal(world.App.BaseUrl.ToString(), page.Url);
        var accounts = await page.GotoAsync("/cuentas");
        Assert.Equal(200, accounts!.Status);

        var (user, logins, roles, account) = await InDbAsync(async (db, users) =>
        {
            var u = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("no AppUser");
            return (u, await users.GetLoginsAsync(u), await users.GetRolesAsync(u), await db.Accounts.SingleAsync(a => a.Email == email));
        });
        Assert.Equal("Ana García", user.DisplayName);
        Assert.Null(user.PasswordHash);
        var login = Assert.Single(logins);
        Assert.Equal(world.Provider.Issuer, login.LoginProvider);
        Assert.Equal("agarcia", login.ProviderKey); // the subject, not the email
        Assert.Equal([AularioRoles.InstitutionAdmin], roles.Order());
        Assert.Equal(account.Id, user.AccountId);
        Assert.Equal(Aulario.Core.Accounts.AccountStatus.Active, account.Status);
        Assert.Equal(Aulario.Core.Accounts.LicenseType.Basic, account.LicenseType);
        Assert.Equal(("Ana", "García"), (account.FirstName, account.LastName));

        var zoomUser = Demo.Server!.State.Find(email)!;
        Assert.Equal(account.ZoomUserId, zoomUser.Id);
        Assert.Equal("active", zoomUser.Status);
        Assert.Equal(101, zoomUser.LoginType); // ssoCreate: signs in to Zoom through SSO
        Assert.Null(zoomUser.PasswordHash);

        var audit = await InDbAsync((db, _) => db.AuditEntries.Where(a => a.Actor == SsoActor && (a.Target == $"user:{email}" || a.Target == $"account:{email}"))
            .Select(a => a.Action).ToListAsync());
        Assert.Contains("account.created", audit);
        Assert.Contains("sso.user-created", audit);
        Assert.Contains("sso.login-linked", audit);
        Assert.Contains("sso.roles-changed", audit);
        Assert.Contains("signin.succeeded", audit);
    }

    [Fact]
    public async Task A_host_lands_on_self_service_cannot_open_admin_pages_and_a_second_sign_in_refreshes_the_names()
    {
        const string email = "beto.perez@inst.edu.ar";
        await world.Provider.SetAccountAsync("bperez", new { email, given_name = "Beto", family_name = "Pérez" });
        var (first, page) = await NewPageAsync();
        await using (first)
        {
            await SignInAtProviderAsync(page, "bperez");
            Assert.Equal(new Uri(world.App.BaseUrl, "/mi-cuenta").ToString(), page.Url);
            var admin = await page.GotoAsync("/cuentas");
            Assert.Equal(403, admin!.Status);
        }
        var roles = await InDbAsync(async (_, users) => await users.GetRolesAsync((await users.FindByEmailAsync(email))!));
        Assert.Equal([AularioRoles.Host], roles);

        await world.Provider.SetAccountAsync("bperez", new { email, given_name = "Roberto", family_name = "Pérez Luna", groups = new[] { "docentes" } });
        var (second, again) = await NewPageAsync();
        await using (second)
        {
            await SignInAtProviderAsync(again, "bperez");
            Assert.Equal(new Uri(world.App.BaseUrl, "/mi-cuenta").ToString(), again.Url);
        }

        var (user, userCount, account) = await InDbAsync(async (db, users) =>
            ((await users.FindByEmailAsync(email))!, await db.Users.CountAsync(u => u.Email == email), await db.Accounts.SingleAsync(a => a.Email == email)));
        Assert.Equal(1, userCount);
        Assert.Equal("Roberto Pérez Luna", user.DisplayName);
        Assert.Equal(("Roberto", "Pérez Luna"), (account.FirstName, account.LastName));
        Assert.Equal(user.AccountId, account.Id);
        var zoomUser = Demo.Server!.State.Find(email)!;
        Assert.Equal(("Roberto", "Pérez Luna"), (zoomUser.FirstName, zoomUser.LastName));
        var edits = await InDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.Actor == SsoActor && a.Action == "account.edited" && a.Target == $"account:{email}"));
        Assert.Equal(1, edits);
    }

    [Fact]
    public async Task A_disallowed_domain_gets_the_spanish_refusal_and_nothing_is_created()
    {
        const string email = "intrusa@otra-universidad.edu.ar";
        var (context, page) = await NewPageAsync();
        await using var _ = context;
        await SignInAtProviderAsync(page, email);

        await page.GetByRole(AriaRole.Heading, new() { Name = "No se pudo iniciar la sesión", Level = 1 }).WaitForAsync();
        Assert.Contains("no pertenece a un dominio habilitado", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page, "the SSO refusal page");
        var home = await page.GotoAsync("/");
        Assert.EndsWith("/ingresar?ReturnUrl=%2F", page.Url, StringComparison.Ordinal); // not signed in
        Assert.Equal(200, home!.Status);

        var (users, accounts, refused) = await InDbAsync(async (db, _) => (
            await db.Users.CountAsync(u => u.Email == email), await db.Accounts.CountAsync(a => a.Email == email),
            await db.AuditEntries.CountAsync(a => a.Actor == SsoActor && a.Action == "sso.refused" && a.Target == $"user:{email}")));
        Assert.Equal((0, 0, 1), (users, accounts, refused));
        Assert.Null(Demo.Server!.State.Find(email));
    }

    [Fact]
    public async Task A_provider_that_sends_no_email_gets_the_refusal_and_nothing_is_created()
    {
        var (context, page) = await NewPageAsync();
        await using var _ = context;
        await SignInAtProviderAsync(page, "sincorreo");

        await page.GetByRole(AriaRole.Heading, new() { Name = "No se pudo iniciar la sesión", Level = 1 }).WaitForAsync();
        Assert.Contains("no envió un correo electrónico válido", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        var (users, refused) = await InDbAsync(async (db, _) => (
            await db.UserLogins.CountAsync(l => l.ProviderKey == "sincorreo"),
            await db.AuditEntries.CountAsync(a => a.Actor == SsoActor && a.Action == "sso.refused" && a.Target == "user:sincorreo")));
        Assert.Equal((0, 1), (users, refused));
    }

    [Fact]
    public async Task Cancelling_at_the_provider_shows_the_refusal_and_creates_nothing()
    {
        var usersBefore = await InDbAsync((db, _) => db.Users.CountAsync());
        var accountsBefore = await InDbAsync((db, _) => db.Accounts.CountAsync());
        var (context, page) = await NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/ingresar");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Ingresar con {SsoWorld.ProviderName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "[ Cancel ]" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "No se pudo iniciar la sesión", Level = 1 }).WaitForAsync();
        Assert.Contains("se canceló", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(usersBefore, await InDbAsync((db, _) => db.Users.CountAsync()));
        Assert.Equal(accountsBefore, await InDbAsync((db, _) => db.Accounts.CountAsync()));
    }
}
