using System.Text.RegularExpressions;
using Aulario.Core.Portals;
using Aulario.Persistence;
using Aulario.Web.Features.Setup;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Aulario.Browser.Tests.Admins;

/// <summary>Adding a portal admin on /administradores in a real browser, their set-password link from the demo mailbox, and
/// their view limited to their portal (axe clean on every page).</summary>
public sealed partial class AdminsBrowserTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@inst.edu.ar";
    private const string Password = "una-frase-larga-de-prueba-2026";
    private LiveApp _app = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _app = new LiveApp();
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<CreateFirstAdmin>()
            .ExecuteAsync(new FirstAdminInput(AdminEmail, "Ana Administradora", Password), CancellationToken.None)).IsSuccess);
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        db.Portals.AddRange(new Portal { Code = "FACALFA", Name = "Facultad Alfa" }, new Portal { Code = "FACBRAVO", Name = "Facultad Bravo" });
        await db.SaveChangesAsync();
        _context = await (await BrowserSession.GetAsync()).NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUrl.ToString() });
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AddAPortalAdmin_TheyChooseAPassword_AndSeeOnlyTheirPortal()
    {
        var page = await _context.NewPageAsync();
        await SignInAsync(page, AdminEmail, Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Administradores" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Administradores", Level = 1 }).WaitForAsync();
        await AssertAxeCleanAsync(page, "administradores");
        var form = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Agregar un administrador" }) });
        await form.GetByLabel("Correo").FillAsync("portal.alfa@inst.edu.ar");
        await form.GetByLabel("Nombre").FillAsync("Pablo Portal");
        await form.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("solo los portales elegidos") }).CheckAsync();
        await form.GetByLabel("FACALFA · Facultad Alfa").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Agregar y enviar el enlace" }).ClickAsync();
        await page.GetByText("Listo: le enviamos a portal.alfa@inst.edu.ar").WaitForAsync();
        Assert.Equal(1, await page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("portal.alfa@inst.edu.ar.*FACALFA") }).CountAsync());

        // The demo mailbox holds the set-password link.
        await page.GotoAsync("/demo/correo");
        var link = await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("contraseña de Aulario") }).First.GetAttributeAsync("href");
        Assert.NotNull(link);

        await using var other = await (await BrowserSession.GetAsync()).NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUrl.ToString() });
        var person = await other.NewPageAsync();
        await person.GotoAsync(new Uri(link!).PathAndQuery);
        await AssertAxeCleanAsync(person, "contraseña");
        await person.GetByLabel("Contraseña nueva").FillAsync("la-frase-de-pablo-portal");
        await person.GetByLabel("Repetí la contraseña").FillAsync("la-frase-de-pablo-portal");
        await person.GetByRole(AriaRole.Button, new() { Name = "Guardar contraseña" }).ClickAsync();
        await person.GetByText("Contraseña guardada. Ya podés ingresar.").WaitForAsync();
        await SignInAsync(person, "portal.alfa@inst.edu.ar", "la-frase-de-pablo-portal");
        Assert.Equal(0, await person.GetByRole(AriaRole.Link, new() { Name = "Administradores" }).CountAsync());
        Assert.Equal(0, await person.GetByRole(AriaRole.Link, new() { Name = "Conciliación" }).CountAsync());
        await person.GotoAsync("/portales");
        await AssertAxeCleanAsync(person, "portales (administrador de portal)");
        Assert.Equal(1, await person.GetByText("FACALFA").CountAsync());
        Assert.Equal(0, await person.GetByText("FACBRAVO").CountAsync());
        await person.GotoAsync("/cuentas/nueva");
        await AssertAxeCleanAsync(person, "nueva cuenta (administrador de portal)");
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/ingresar");
        await page.GetByLabel("Correo electrónico").FillAsync(email);
        await page.GetByLabel("Contraseña").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Panel", Level = 1 }).WaitForAsync();
    }

    private static async Task AssertAxeCleanAsync(IPage page, string what)
    {
        AxeResult result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"Accessibility problems on the {what} page:\n" + string.Join("\n", serious));
    }
}
