using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Aulario.Browser.Tests;

/// <summary>First start in a real browser: setup token → first admin → sign in → Spanish dashboard → English → sign out.</summary>
public sealed class AdminJourneyTests : IAsyncLifetime
{
    private const string Email = "admin@aulas.demo.edu.ar";
    private const string Password = "una-frase-larga-de-prueba-2026";

    private LiveApp _app = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _app = new LiveApp();
        var browser = await BrowserSession.GetAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUrl.ToString(), Locale = "en-US" });
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task FirstStart_SetupSignInSwitchLanguageSignOut()
    {
        var page = await _context.NewPageAsync();
        var cspViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) cspViolations.Add(message.Text);
        };

        // The app opens on the Spanish sign-in page (the browser asks for English; only the cookie decides).
        await page.GotoAsync("/");
        Assert.EndsWith("/ingresar?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        Assert.Equal("es-AR", await page.GetAttributeAsync("html", "lang"));
        await AssertNoSeriousViolationsAsync(page, "sign-in");

        // Setup with the one-time token from the log.
        await page.GotoAsync("/setup?token=" + _app.SetupToken());
        await page.GetByLabel("Correo electrónico").FillAsync(Email);
        await page.GetByLabel("Nombre y apellido").FillAsync("Ana Administradora");
        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repetir la contraseña").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear administrador" }).ClickAsync();
        await page.GetByText("Administrador creado. Ya puede iniciar sesión.").WaitForAsync();

        // Sign in: the dashboard is in Spanish.
        await page.GetByLabel("Correo electrónico").FillAsync(Email);
        await page.GetByLabel("Contraseña").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Panel", Level = 1 }).WaitForAsync();
        Assert.Equal("es-AR", await page.GetAttributeAsync("html", "lang"));
        Assert.True(await page.GetByText("Hola, Ana Administradora.").IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Demo" }).IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Cell, new() { Name = "signin.succeeded" }).IsVisibleAsync());
        await AssertNoSeriousViolationsAsync(page, "dashboard");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);

        // Switch to English.
        await page.GetByLabel("Idioma").SelectOptionAsync("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cambiar idioma" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 }).WaitForAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.True(await page.GetByText("Hello, Ana Administradora.").IsVisibleAsync());

        // Sign out: back at the sign-in page (in the chosen language), and the dashboard asks to sign in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 }).WaitForAsync();
        Assert.Contains("/ingresar", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/");
        Assert.Contains("/ingresar", page.Url, StringComparison.Ordinal);

        Assert.Empty(cspViolations);
    }

    private static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        AxeResult result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"Accessibility problems on the {what} page:\n" + string.Join("\n", serious));
    }
}
