using Aulario.Web.Features.Setup;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace Aulario.Browser.Tests.Security;

/// <summary>Two-step verification in a real browser: enable it with a code computed from the key the page shows, sign out, sign in
/// with a code, then with a recovery code; every page passes axe and breaks no CSP rule (the QR code is a PNG data: image).</summary>
public sealed class TwoFactorBrowserTests : IAsyncLifetime
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
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _app.DisposeAsync();
    }

    private async Task SignInWithPasswordAsync()
    {
        await _page.GotoAsync("/ingresar");
        await _page.GetByLabel("Correo electrónico").FillAsync(AdminEmail);
        await _page.GetByLabel("Contraseña").FillAsync(AdminPassword);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
    }

    private async Task SignOutAsync()
    {
        await _page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Iniciar sesión", Level = 1 }).WaitForAsync();
    }

    private Task PanelAsync() => _page.GetByRole(AriaRole.Heading, new() { Name = "Panel", Level = 1 }).WaitForAsync();

    [Fact]
    public async Task EnableWithACode_SignOut_SignInWithACode_ThenWithARecoveryCode()
    {
        await SignInWithPasswordAsync();
        await PanelAsync();

        await _page.GetByRole(AriaRole.Link, new() { Name = "Seguridad", Exact = true }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Seguridad de la cuenta", Level = 1 }).WaitForAsync();
        await AssertNoSeriousViolationsAsync("seguridad");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Activar la verificación en dos pasos" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Activar la verificación en dos pasos", Level = 1 }).WaitForAsync();
        var qr = _page.GetByRole(AriaRole.Img, new() { Name = "Código QR para agregar Aulario a la aplicación de autenticación" });
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), "The QR code did not render.");
        await AssertNoSeriousViolationsAsync("activar");

        var key = (await _page.Locator("#shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await _page.GetByLabel("Código de verificación").FillAsync(Code(key));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Verificar y activar" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Verificación en dos pasos activada" }).WaitForAsync();
        var codes = await _page.Locator(".recovery-codes code").AllInnerTextsAsync();
        Assert.Equal(10, codes.Count);
        await AssertNoSeriousViolationsAsync("códigos");

        await _page.GotoAsync("/ajustes");
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Ajustes de seguridad", Level = 1 }).WaitForAsync();
        await AssertNoSeriousViolationsAsync("ajustes");

        await SignOutAsync();
        await SignInWithPasswordAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Verificación en dos pasos", Level = 1 }).WaitForAsync();
        Assert.Contains("/ingresar/codigo", _page.Url, StringComparison.Ordinal);
        await AssertNoSeriousViolationsAsync("código al ingresar");
        await _page.GetByLabel("Código de verificación").FillAsync(Code(key));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Verificar" }).ClickAsync();
        await PanelAsync();

        await SignOutAsync();
        await SignInWithPasswordAsync();
        await _page.GetByRole(AriaRole.Link, new() { Name = "¿No tiene el teléfono? Use un código de recuperación" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Ingresar con un código de recuperación", Level = 1 }).WaitForAsync();
        await AssertNoSeriousViolationsAsync("código de recuperación");
        await _page.GetByLabel("Código de recuperación").FillAsync(codes[0]);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Verificar" }).ClickAsync();
        await PanelAsync();

        await _page.GotoAsync("/seguridad");
        await _page.GetByText("Códigos de recuperación sin usar: 9.").WaitForAsync();
        Assert.True(_cspViolations.Count == 0, string.Join("\n", _cspViolations));
    }

    private static string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);

    private async Task AssertNoSeriousViolationsAsync(string what)
    {
        AxeResult result = await _page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"Accessibility problems on the {what} page:\n" + string.Join("\n", serious));
    }
}
