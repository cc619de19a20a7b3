using Aulario.Web.Features.Demo;
using Aulario.Web.Features.Setup;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Aulario.Browser.Tests.SelfService;

/// <summary>"Iniciar sesión como" and Delegados in a real browser: admin → account → act as it → add a delegate → the delegate's
/// view lists the host in the other direction → Terminar → back to the admin. Axe on each page.</summary>
public sealed class SelfServiceBrowserTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@aulas.demo.edu.ar";
    private const string AdminPassword = "una-frase-larga-de-prueba-2026";
    private const string Managed = DemoSandbox.ManagedDomain;

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
    public async Task Admin_ActsAsAHost_AddsADelegate_TheDelegateSeesTheHost_AndEndsBackAsAdmin()
    {
        var host = $"titular@{Managed}";
        var helper = $"ayudante@{Managed}";
        await CreateAsync(host, "Teresa", "Titular");
        await CreateAsync(helper, "Ariel", "Ayudante");

        await OpenAccountAsync(host);
        await AssertNoSeriousViolationsAsync("cuentas/{id}");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión como" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Mi perfil", Level = 1 }).WaitForAsync();
        await _page.GetByText($"Estás actuando como {host} (sesión de {AdminEmail}).").WaitForAsync();
        Assert.Equal(0, await _page.Locator("nav.mainnav").CountAsync());
        await AssertNoSeriousViolationsAsync("mi-cuenta");

        var section = _page.GetByRole(AriaRole.Navigation, new() { Name = "Mi cuenta" });
        await section.GetByRole(AriaRole.Link, new() { Name = "Delegados" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Delegados", Level = 1 }).WaitForAsync();
        await AssertNoSeriousViolationsAsync("mi-cuenta/delegados");
        await _page.GetByLabel("Buscar cuentas activas").FillAsync("ayudante");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
        await _page.GetByRole(AriaRole.Checkbox, new() { Name = helper }).CheckAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Agregar", Exact = true }).ClickAsync();
        await _page.GetByText($"{helper}: agregado como delegado.").WaitForAsync();
        await AssertNoSeriousViolationsAsync("mi-cuenta/delegados (agregado)");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Terminar" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = host, Level = 1 }).WaitForAsync();
        Assert.Equal(1, await _page.Locator("nav.mainnav").CountAsync());

        await OpenAccountAsync(helper);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión como" }).ClickAsync();
        await _page.GetByText($"Estás actuando como {helper}").WaitForAsync();
        await _page.GotoAsync("/mi-cuenta/delegados");
        Assert.Contains(host, await _page.Locator("#delegate-of").InnerTextAsync(), StringComparison.Ordinal);
        await AssertNoSeriousViolationsAsync("mi-cuenta/delegados (otra dirección)");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Terminar" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = helper, Level = 1 }).WaitForAsync();

        await _page.GotoAsync($"/cuentas/{await AccountIdAsync(host)}/delegados");
        await _page.GetByRole(AriaRole.Heading, new() { Name = $"Delegados de {host}", Level = 1 }).WaitForAsync();
        Assert.True(await _page.GetByRole(AriaRole.Checkbox, new() { Name = helper }).IsVisibleAsync());
        await AssertNoSeriousViolationsAsync("cuentas/{id}/delegados");
        Assert.True(_cspViolations.Count == 0, string.Join("\n", _cspViolations));
    }

    private async Task<string> AccountIdAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Aulario.Persistence.AularioDbContext>();
        return db.Accounts.Single(a => a.Email == email).Id.ToString();
    }

    private async Task CreateAsync(string email, string first, string last)
    {
        await _page.GotoAsync("/cuentas/nueva");
        var form = _page.Locator("section", new() { Has = _page.GetByRole(AriaRole.Heading, new() { Name = "Crear", Exact = true }) });
        await form.GetByLabel("Correo electrónico").FillAsync(email);
        await form.GetByLabel("Nombre", new() { Exact = true }).FillAsync(first);
        await form.GetByLabel("Apellido", new() { Exact = true }).FillAsync(last);
        await form.GetByRole(AriaRole.Button, new() { Name = "Crear cuenta" }).ClickAsync();
        await _page.GetByRole(AriaRole.Status).First.WaitForAsync();
    }

    private async Task OpenAccountAsync(string email)
    {
        await _page.GotoAsync("/cuentas?estado=todas&q=" + Uri.EscapeDataString(email));
        await _page.GetByRole(AriaRole.Link, new() { Name = email, Exact = true }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = email, Level = 1 }).WaitForAsync();
    }

    private async Task AssertNoSeriousViolationsAsync(string what)
    {
        AxeResult result = await _page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"Accessibility problems on /{what}:\n" + string.Join("\n", serious));
    }
}
