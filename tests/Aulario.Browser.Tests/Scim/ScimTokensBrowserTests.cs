using System.Net;
using System.Net.Http.Headers;
using Aulario.Web.Features.Setup;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Aulario.Browser.Tests.Scim;

/// <summary>/tokens/scim in a real browser: create a SCIM token (shown once), the identity provider uses it, revoke it; axe and CSP clean.</summary>
public sealed class ScimTokensBrowserTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@aulas.demo.edu.ar";
    private const string AdminPassword = "una-frase-larga-de-prueba-2026";

    private LiveApp _app = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _cspViolations = [];

    public async Task InitializeAsync()
    {
        _app = new LiveApp();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<CreateFirstAdmin>()
                .ExecuteAsync(new FirstAdminInput(AdminEmail, "Ana Administradora", AdminPassword), CancellationToken.None);
            Assert.True(created.IsSuccess);
        }
        var browser = await BrowserSession.GetAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUrl.ToString() });
        _page = await _context.NewPageAsync();
        _page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) _cspViolations.Add(_page!.Url + " → " + m.Text); };
        await _page.GotoAsync("/ingresar");
        await _page.GetByLabel("Correo electrónico").FillAsync(AdminEmail);
        await _page.GetByLabel("Contraseña").FillAsync(AdminPassword);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Panel", Level = 1 }).WaitForAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task CreateUseAndRevoke_AScimToken()
    {
        await _page.GotoAsync("/tokens");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Tokens SCIM" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Tokens SCIM", Level = 1 }).WaitForAsync();
        Assert.EndsWith("/scim/v2", await _page.GetByLabel("URL base SCIM (Tenant URL)").InputValueAsync(), StringComparison.Ordinal);
        await AssertNoSeriousViolationsAsync("tokens/scim");

        await _page.GetByLabel("Nombre").FillAsync("Entra ID");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Crear token SCIM" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Token SCIM «Entra ID» creado" }).WaitForAsync();
        var secret = await _page.Locator("#created-secret").InputValueAsync();
        Assert.StartsWith("aul_", secret, StringComparison.Ordinal);
        await AssertNoSeriousViolationsAsync("tokens/scim (created)");

        using var idp = new HttpClient { BaseAddress = _app.BaseUrl };
        idp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await idp.GetAsync("scim/v2/Users?startIndex=1&count=2")).StatusCode);

        await _page.GetByRole(AriaRole.Button, new() { Name = "Revocar el token SCIM Entra ID" }).ClickAsync();
        await _page.GetByText("Token SCIM revocado").WaitForAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await idp.GetAsync("scim/v2/Users")).StatusCode);
        Assert.Empty(_cspViolations);
    }

    private async Task AssertNoSeriousViolationsAsync(string what)
    {
        AxeResult result = await _page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"Accessibility problems on /{what}:\n" + string.Join("\n", serious));
    }
}
