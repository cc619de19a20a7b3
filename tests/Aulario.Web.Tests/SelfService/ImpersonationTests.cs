using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Aulario.Persistence;
using Aulario.Web.Tests.Accounts;
using Aulario.Web.Tests.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.SelfService;

/// <summary>"Iniciar sesión como": banner, no admin page or API while it lasts, every action audited as "admin X as Y", ending it.</summary>
public sealed partial class ImpersonationTests
{
    private const string Admin = AccountsTestSupport.AdminEmail;

    [Fact]
    public async Task Start_ShowsTheBannerAndTheSelfServiceNav_HidesTheAdminNav_AndAuditsTheStart()
    {
        await using var w = await SelfServiceWorld.CreateAsync();
        var host = await w.ActiveAsync("docente");

        var started = await SelfServiceWorld.ImpersonateAsync(w.Admin, host.Account.Id);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal("/mi-cuenta", started.Headers.Location?.ToString());
        var html = WebUtility.HtmlDecode(await w.Admin.GetStringAsync("/mi-cuenta"));
        Assert.Contains($"Estás actuando como {host.Account.Email} (sesión de {Admin}).", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/mi-cuenta/terminar\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/mi-cuenta/delegados\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/mi-cuenta/historial\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"mainnav\"", html, StringComparison.Ordinal);
        Assert.Contains(host.Account.Email, html, StringComparison.Ordinal);
        var audit = await w.InScopeAsync(sp => sp.GetRequiredService<AularioDbContext>().AuditEntries.SingleAsync(a => a.Action == "impersonation.started"));
        Assert.Equal(Admin, audit.Actor);
        Assert.Equal(host.Account.Email, audit.ActingAs);
    }

    [Fact]
    public async Task WhileImpersonating_EveryAdminPageAndApiRouteIsRefused()
    {
        await using var w = await SelfServiceWorld.CreateAsync();
        var host = await w.ActiveAsync("docente2");
        await SelfServiceWorld.ImpersonateAsync(w.Admin, host.Account.Id);
        var routes = RouteEnumerationTests.Routes(w.App.Services).ToList();
        Assert.Contains(routes, r => r.Route == "/cuentas/{id:guid}");
        Assert.Contains(routes, r => r.Route.StartsWith("/api/v1/accounts/{id:guid}/delegates", StringComparison.Ordinal));
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var (method, route) in routes)
        {
            // Public routes (the one list in RouteEnumerationTests) and self-service: reachable while impersonating by design.
            if (RouteEnumerationTests.IsPublic(route) || route.StartsWith("/mi-cuenta", StringComparison.Ordinal)) continue;
            var url = Parameter().Replace(route, m => m.Groups[1].Value.Contains("id", StringComparison.OrdinalIgnoreCase) ? host.Account.Id.ToString() : "x");
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            var response = await w.Admin.SendAsync(request);
            checkedCount++;
            var code = (int)response.StatusCode;
            var denied = code == 403 || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/error/403", StringComparison.Ordinal) == true)
                         // antiforgery refuses a bare form post before anything runs
                         || (code == 400 && method != "GET" && !route.StartsWith("/api", StringComparison.Ordinal))
                         || RouteEnumerationTests.RefusedByScimScheme(url, response);
            if (!denied) problems.Add($"{method} {url} → {code}");
        }
        Assert.True(checkedCount > 40, $"Only {checkedCount} routes checked.");
        Assert.True(problems.Count == 0, "Reachable while impersonating:\n" + string.Join("\n", problems));
        // still acting afterwards: nothing above ended or widened the session
        Assert.Contains("Estás actuando como", WebUtility.HtmlDecode(await w.Admin.GetStringAsync("/mi-cuenta")), StringComparison.Ordinal);
    }


    [Fact]
    public async Task ActionsInBetween_AreAuditedAsAdminAsUser_AndEndingReturnsToTheAdmin()
    {
        await using var w = await SelfServiceWorld.CreateAsync();
        var host = await w.ActiveAsync("docente3");
        var d = await w.ActiveAsync("ayudante3");
        await SelfServiceWorld.ImpersonateAsync(w.Admin, host.Account.Id);

        var token = await w.Admin.AntiforgeryTokenAsync("/mi-cuenta");
        var saved = await w.Admin.PostFormAsync("/mi-cuenta", token, ("Form.FirstName", "Marta"), ("Form.LastName", "Gómez"),
            ("Form.Timezone", "America/Argentina/Cordoba"));
        Assert.Contains("Se guardaron los cambios en Zoom.", WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var zoomUser = w.App.Sandbox().Find(host.Account.ZoomUserId!)!;
        Assert.Equal(("Marta", "Gómez"), (zoomUser.FirstName, zoomUser.LastName));
        token = await w.Admin.AntiforgeryTokenAsync("/mi-cuenta/delegados");
        var added = await w.Admin.PostFormAsync("/mi-cuenta/delegados?handler=Add", token, ("Add", d.Account.Email));
        Assert.Contains($"{d.Account.Email}: agregado como delegado.", WebUtility.HtmlDecode(await added.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var ended = await SelfServiceWorld.EndAsync(w.Admin);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal($"/cuentas/{host.Account.Id}", ended.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await w.Admin.GetAsync($"/cuentas/{host.Account.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await w.Admin.GetAsync("/api/v1/accounts")).StatusCode);

        var rows = await w.InScopeAsync(sp => sp.GetRequiredService<AularioDbContext>().AuditEntries
            .Where(a => a.Action == "account.edited" || a.Action == "delegate.added" || a.Action.StartsWith("impersonation.")).ToListAsync());
        Assert.Equal(["impersonation.started", "account.edited", "delegate.added", "impersonation.ended"], rows.OrderBy(r => r.Id).Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal((Admin, host.Account.Email), (r.Actor, r.ActingAs)));
        var auditPage = WebUtility.HtmlDecode(await w.Admin.GetStringAsync("/auditoria"));
        Assert.Contains($"{Admin} como {host.Account.Email}", auditPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeverForAnAdminsAccount_NorAFinalizedOne_NorOutOfScope()
    {
        await using var w = await SelfServiceWorld.CreateAsync();
        var adminsOwn = await w.ActiveAsync("otra-admin");
        await w.HostUserAsync("otra-admin@inst.edu.ar", adminsOwn.Account.Id, role: AularioRoles.InstitutionAdmin);
        var finalized = await w.FinalizedAsync("finalizada5");

        var page = WebUtility.HtmlDecode(await w.Admin.GetStringAsync($"/cuentas/{adminsOwn.Account.Id}"));
        Assert.DoesNotContain("handler=Impersonate", page, StringComparison.Ordinal);
        var refused = await SelfServiceWorld.ImpersonateAsync(w.Admin, adminsOwn.Account.Id);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("pertenece a un administrador", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var refusedFinalized = await SelfServiceWorld.ImpersonateAsync(w.Admin, finalized.Account.Id);
        Assert.Contains("está finalizada", WebUtility.HtmlDecode(await refusedFinalized.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await w.Admin.GetAsync("/cuentas")).StatusCode); // still the admin
        Assert.Equal(0, await w.InScopeAsync(sp => sp.GetRequiredService<AularioDbContext>().AuditEntries.CountAsync(a => a.Action == "impersonation.started")));

        // A host (no admin role) cannot start it at all: the admin page refuses them.
        var hostAccount = await w.ActiveAsync("anfitrion5");
        await w.HostUserAsync("anfitrion5@inst.edu.ar", hostAccount.Account.Id);
        var hostClient = await w.SignedInAsync("anfitrion5@inst.edu.ar");
        var attempt = await hostClient.PostFormAsync($"/cuentas/{adminsOwn.Account.Id}?handler=Impersonate", null);
        Assert.True(attempt.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden);
        Assert.DoesNotContain("/mi-cuenta", attempt.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHost_SeesOnlySelfService()
    {
        await using var w = await SelfServiceWorld.CreateAsync();
        var account = await w.ActiveAsync("anfitriona6");
        await w.HostUserAsync("anfitriona6@inst.edu.ar", account.Account.Id);
        var host = await w.SignedInAsync("anfitriona6@inst.edu.ar");

        var html = WebUtility.HtmlDecode(await host.GetStringAsync("/mi-cuenta"));
        Assert.Contains(account.Account.Email, html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"mainnav\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Estás actuando como", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await host.GetAsync("/cuentas")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync("/api/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync($"/api/v1/accounts/{account.Account.Id}/delegates")).StatusCode);
        // the language is the host's Aulario preference, audited as the host
        var token = await host.AntiforgeryTokenAsync("/mi-cuenta");
        await host.PostFormAsync("/mi-cuenta", token, ("Form.FirstName", "Ana"), ("Form.LastName", "anfitriona6"), ("Form.Language", "en"));
        var user = await w.InScopeAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("anfitriona6@inst.edu.ar"));
        Assert.Equal("en", user!.Culture);
    }

    [Fact]
    public async Task SecurityStampRefresh_KeepsActing_AndEndsItWhenTheAdminLostTheRole()
    {
        await using var w = await SelfServiceWorld.CreateAsync();
        await using var every = w.App.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var client = every.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(Admin, AccountsTestSupport.AdminPassword)).StatusCode);
        var host = await w.ActiveAsync("docente7");
        Assert.Equal(HttpStatusCode.Redirect, (await SelfServiceWorld.ImpersonateAsync(client, host.Account.Id)).StatusCode);
        await Task.Delay(1100); // the cookie's issue time must be in the past for the zero interval to validate

        // the stamp check runs on each request and rebuilds the principal: still acting, still no admin page
        Assert.Contains("Estás actuando como", WebUtility.HtmlDecode(await client.GetStringAsync("/mi-cuenta")), StringComparison.Ordinal);
        await Task.Delay(1100);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/accounts")).StatusCode);
        await Task.Delay(1100);
        Assert.Contains("Estás actuando como", WebUtility.HtmlDecode(await client.GetStringAsync("/mi-cuenta")), StringComparison.Ordinal);

        // the admin loses the role (Identity keeps the stamp): the rebuilt principal has neither roles nor acting claims, so the
        // impersonation ends and nothing is reachable, never turned into anything more
        await w.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var admin = (await users.FindByEmailAsync(Admin))!;
            return (await users.RemoveFromRoleAsync(admin, AularioRoles.InstitutionAdmin)).Succeeded;
        });
        await Task.Delay(1100);
        var after = await client.GetAsync("/mi-cuenta");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/error/403", after.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        await Task.Delay(1100);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/accounts")).StatusCode);
        await Task.Delay(1100);
        var errorPage = await client.GetAsync("/error/403");
        Assert.DoesNotContain("Estás actuando como", WebUtility.HtmlDecode(await errorPage.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // a changed security stamp (password reset, sign-out everywhere) rejects the cookie: back to sign-in
        await w.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var admin = (await users.FindByEmailAsync(Admin))!;
            await users.AddToRoleAsync(admin, AularioRoles.InstitutionAdmin);
            return (await users.UpdateSecurityStampAsync(admin)).Succeeded;
        });
        await Task.Delay(1100);
        var rejected = await client.GetAsync("/mi-cuenta");
        Assert.Contains("/ingresar", rejected.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ending_IsRefusedWhenTheAdminWasLockedMeanwhile()
    {
        await using var w = await SelfServiceWorld.CreateAsync();
        var host = await w.ActiveAsync("docente8");
        await SelfServiceWorld.ImpersonateAsync(w.Admin, host.Account.Id);
        var token = await w.Admin.AntiforgeryTokenAsync("/mi-cuenta");
        await w.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var admin = (await users.FindByEmailAsync(Admin))!;
            return (await users.SetLockoutEndDateAsync(admin, DateTimeOffset.UtcNow.AddDays(1))).Succeeded;
        });

        var ended = await w.Admin.PostFormAsync("/mi-cuenta/terminar", token);

        Assert.Equal("/ingresar", ended.Headers.Location?.ToString());
        var next = await w.Admin.GetAsync("/cuentas");
        Assert.Contains("/ingresar", next.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task DelegatesApi_AddsListsAndRemoves_AndTheAdminPageShowsBothDirections()
    {
        await using var w = await SelfServiceWorld.CreateAsync();
        var host = await w.ActiveAsync("titular9");
        var d = await w.ActiveAsync("delegado9");
        var pending = await w.PendingAsync("pendiente9");

        var outcomes = await w.AddDelegatesAsync(host.Account.Id, d.Account.Email, pending.Account.Email);
        Assert.True(outcomes.Single(o => o.Email == d.Account.Email).Done);
        Assert.Equal("delegates.candidate-pending", outcomes.Single(o => o.Email == pending.Account.Email).Code);
        var list = await w.Admin.GetFromJsonAsync<Aulario.Web.Features.Accounts.DelegatesResponse>($"/api/v1/accounts/{host.Account.Id}/delegates");
        Assert.Equal(d.Account.Email, Assert.Single(list!.Delegates).Email);
        var other = await w.Admin.GetFromJsonAsync<Aulario.Web.Features.Accounts.DelegatesResponse>($"/api/v1/accounts/{d.Account.Id}/delegates");
        Assert.Equal(host.Account.Email, Assert.Single(other!.DelegateOf).Email);
        var page = WebUtility.HtmlDecode(await w.Admin.GetStringAsync($"/cuentas/{d.Account.Id}/delegados"));
        Assert.Contains(host.Account.Email, page, StringComparison.Ordinal);

        var bad = await w.Admin.PostAsJsonAsync($"/api/v1/accounts/{host.Account.Id}/delegates", new { emails = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Admin.GetAsync($"/api/v1/accounts/{Guid.NewGuid()}/delegates")).StatusCode);
        var removed = await w.Admin.DeleteAsync($"/api/v1/accounts/{host.Account.Id}/delegates?email={Uri.EscapeDataString(d.Account.Email)}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty(w.App.Sandbox().Find(host.Account.ZoomUserId!)!.AssistantIds);
    }

    [GeneratedRegex(@"\{\*?([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
