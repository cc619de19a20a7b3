using System.Text;
using Aulario.Web.Features.Demo;
using Aulario.Web.Features.Setup;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Aulario.Browser.Tests.Operations;

/// <summary>CSV import (check, then apply as a job) and the reconciliation dashboard, as an admin uses them in a browser.</summary>
public sealed class ImportAndReconcileBrowserTests : IAsyncLifetime
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
    public async Task Import_ChecksEveryRowThenAppliesTheValidOnes()
    {
        await _page.GotoAsync("/cuentas");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Importar CSV" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Importar cuentas desde CSV", Level = 1 }).WaitForAsync();
        var csv = Encoding.UTF8.GetBytes($"email;nombre;apellido\r\nimportada@{DemoSandbox.ManagedDomain};Irma;Ibáñez\r\nmal-correo;X;Y\r\n");
        await _page.GetByLabel("Archivo CSV").SetInputFilesAsync(new FilePayload { Name = "cuentas.csv", MimeType = "text/csv", Buffer = csv });
        await _page.GetByRole(AriaRole.Button, new() { Name = "Revisar" }).ClickAsync();
        await _page.GetByText("1 filas para crear, 1 con errores").WaitForAsync();
        Assert.Contains("no es un correo electrónico válido", await _page.Locator("table").InnerTextAsync());
        var axe = await _page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));

        await _page.GetByRole(AriaRole.Button, new() { Name = "Aplicar: crear 1 cuentas" }).ClickAsync();
        await _page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/trabajos/"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_app.Services.GetRequiredService<DemoSandbox>().Server!.State.Find($"importada@{DemoSandbox.ManagedDomain}") is null && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.NotNull(_app.Services.GetRequiredService<DemoSandbox>().Server!.State.Find($"importada@{DemoSandbox.ManagedDomain}"));
        Assert.True(_cspViolations.Count == 0, string.Join("\n", _cspViolations));
    }

    [Fact]
    public async Task ClassroomImport_ChecksEveryRowAgainstSiu_ThenAppliesAsAJobToTheEnd()
    {
        await _page.GotoAsync("/aulas");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Importar aulas (CSV)" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Importar aulas de ISSP desde CSV", Level = 1 }).WaitForAsync();
        var csv = Encoding.UTF8.GetBytes($"\uFEFFemail;codigo;nombre\r\nnavegador@{DemoSandbox.ManagedDomain};ZOOM08;Zoom 08 - Ñandú\r\nmal-correo;ZOOM07;\r\n" +
            $"otra@{DemoSandbox.ManagedDomain};NOEXISTE;\r\n");
        await _page.GetByLabel("Archivo CSV").SetInputFilesAsync(new FilePayload { Name = "aulas.csv", MimeType = "text/csv", Buffer = csv });
        await _page.GetByRole(AriaRole.Button, new() { Name = "Revisar" }).ClickAsync();
        await _page.GetByText("1 aulas para asignar, 0 reemplazos de cuenta, 0 sin cambios, 2 filas con errores").WaitForAsync();
        var table = await _page.Locator("table").InnerTextAsync();
        Assert.Contains("no es un correo electrónico válido", table, StringComparison.Ordinal);
        Assert.Contains("NOEXISTE", table, StringComparison.Ordinal);
        Assert.Contains("Zoom 08 → Zoom 08 - Ñandú", table, StringComparison.Ordinal);
        var axe = await _page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));

        await _page.GetByRole(AriaRole.Button, new() { Name = "Aplicar: asignar 1 aulas" }).ClickAsync();
        await _page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/trabajos/"));
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Terminado", Level = 2 }).WaitForAsync(new() { Timeout = 60_000 });
        var jobAxe = await _page.RunAxe();
        Assert.Empty(jobAxe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));

        await _page.GotoAsync("/aulas?q=navegador");
        var row = _page.Locator("tbody tr", new() { HasText = $"navegador@{DemoSandbox.ManagedDomain}" });
        Assert.Contains("Zoom 08 - Ñandú", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(_cspViolations.Count == 0, string.Join("\n", _cspViolations));
    }

    [Fact]
    public async Task Reconcile_ShowsDifferencesAndAFixRemovesOne()
    {
        await _page.GotoAsync("/");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Conciliación" }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Conciliar ahora" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Diferencias", Level = 2 }).WaitForAsync();
        var rows = _page.Locator("tbody tr", new() { HasText = "No está en Aulario" });
        var before = await rows.CountAsync();
        Assert.True(before > 0, "the demo Zoom account has users Aulario does not manage yet");
        await rows.First.GetByRole(AriaRole.Button, new() { Name = "Importar a Aulario" }).ClickAsync();
        await _page.GetByText("Importada a Aulario.").WaitForAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Conciliar ahora" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Diferencias", Level = 2 }).WaitForAsync();
        Assert.Equal(before - 1, await _page.Locator("tbody tr", new() { HasText = "No está en Aulario" }).CountAsync());
        var axe = await _page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));
        Assert.Empty(_cspViolations);
    }
}
