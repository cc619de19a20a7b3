using System.Text;
using Aulario.Web.Features.Demo;
using Aulario.Web.Features.Setup;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Aulario.Browser.Tests.Accounts;

/// <summary>The account flows in a real browser against the real app in demo mode (the Zoom sandbox in-process).</summary>
public sealed class AccountsBrowserTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@aulas.demo.edu.ar";
    private const string AdminPassword = "una-frase-larga-de-prueba-2026";
    private const string Managed = DemoSandbox.ManagedDomain;

    private LiveApp _app = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _cspViolations = [];

    private DemoSandbox Demo => _app.Services.GetRequiredService<DemoSandbox>();

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
        _context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUrl.ToString(), AcceptDownloads = true });
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

    [Fact]
    public async Task Invite_SignUpFromTheMailedLink_AccountIsActive()
    {
        var email = $"invitada@{Managed}";
        await _page.GotoAsync("/cuentas/nueva");
        var invite = _page.Locator("section", new() { Has = _page.GetByRole(AriaRole.Heading, new() { Name = "Invitar", Exact = true }) });
        await invite.GetByLabel("Correo electrónico").FillAsync(email);
        await invite.GetByLabel("Nombre (opcional)").FillAsync("Inés");
        await invite.GetByRole(AriaRole.Button, new() { Name = "Enviar invitación" }).ClickAsync();
        await _page.GetByText($"Se envió la invitación a {email}").WaitForAsync();

        await _page.GotoAsync("/demo/correo");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Abrir el enlace de «Invitación para crear tu cuenta de Zoom»" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Crear tu cuenta", Level = 1 }).WaitForAsync();
        Assert.Equal("Inés", await _page.GetByLabel("Nombre", new() { Exact = true }).InputValueAsync());
        await _page.GetByLabel("Apellido", new() { Exact = true }).FillAsync("Gómez");
        await _page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync("Clave1234x");
        await _page.GetByLabel("Repetir la contraseña").FillAsync("Clave1234x");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Crear mi cuenta" }).ClickAsync();
        await _page.GetByText($"Listo: la cuenta {email} está activa.").WaitForAsync();

        await _page.GotoAsync("/cuentas?estado=activas");
        var row = _page.GetByRole(AriaRole.Row, new() { Name = email });
        Assert.Contains("Inés Gómez", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("active", Demo.Server!.State.Find(email)!.Status);
        Assert.True(_cspViolations.Count == 0, string.Join("\n", _cspViolations));
    }

    [Fact]
    public async Task CreateOnAnotherDomain_Pending_ActivateInTheSandboxMailbox_RefreshFromZoom_Active()
    {
        var email = "docente@otra.edu.ar";
        await CreateAsync(email, "Daniel", "Docente");
        await _page.GetByText($"Se creó {email}: pendiente").WaitForAsync();

        await _page.GotoAsync(Demo.MailboxUrl.ToString());
        await _page.GetByRole(AriaRole.Row, new() { Name = email }).GetByRole(AriaRole.Link, new() { Name = "Activar su cuenta de Zoom" }).ClickAsync();
        await _page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync("Clave1234x");
        await _page.GetByLabel("Repetir contraseña").FillAsync("Clave1234x");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Continuar" }).ClickAsync();
        await _page.GetByText("está activa").WaitForAsync();

        await OpenAccountAsync(email);
        Assert.Contains("Pendiente", await _page.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Actualizar desde Zoom" }).ClickAsync();
        await _page.GetByText("Se actualizó con los datos de Zoom.").WaitForAsync();
        Assert.Contains("Activa", await _page.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCsv_DownloadsTheFilter_AndParsesBack()
    {
        await CreateAsync($"exportar@{Managed}", "=1+1", "Núñez");
        await _page.GotoAsync("/cuentas?estado=activas");

        var download = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Link, new() { Name = "Exportar CSV" }).ClickAsync());

        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(["Correo", "Nombre", "Apellido", "Estado"], header[..4]);
        var row = lines.Single(l => l.StartsWith($"exportar@{Managed},", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["'=1+1", "Núñez", "Activa", "Con licencia"], row[1..5]);
        Assert.All(lines.Skip(1), l => Assert.Contains(",Activa,", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finalize_InactiveInZoom_MeetingLinkStops_ThenReactivate_LicenseBack()
    {
        var email = $"aula77@{Managed}";
        await CreateAsync(email, "Aula", "77");
        var zoomUser = Demo.Server!.State.Find(email)!;
        Assert.Equal(2, zoomUser.Type);
        await OpenAccountAsync(email);
        var link = await _page.GetByRole(AriaRole.Link, new() { Name = "/j/" }).GetAttributeAsync("href");
        var before = await _page.Context.APIRequest.GetAsync(link!);
        Assert.Equal(200, before.Status);

        // The confirmation box is required: the browser does not send the form without it.
        Assert.Equal("", await _page.GetByLabel($"Confirmo que quiero finalizar {email}").GetAttributeAsync("required"));
        await _page.GetByLabel($"Confirmo que quiero finalizar {email}").CheckAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Finalizar", Exact = true }).ClickAsync();
        await _page.GetByText("La cuenta se finalizó").WaitForAsync();
        Assert.Equal("inactive", Demo.Server.State.Find(email)!.Status);
        var after = await _page.Context.APIRequest.GetAsync(link!);
        Assert.NotEqual(200, after.Status);

        await _page.GetByRole(AriaRole.Button, new() { Name = "Reactivar" }).ClickAsync();
        await _page.GetByText("La cuenta se reactivó con su tipo de licencia anterior.").WaitForAsync();
        var back = Demo.Server.State.Find(email)!;
        Assert.Equal(("active", 2), (back.Status, back.Type));
        Assert.Contains("Con licencia", await _page.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetLink_AdminSendsIt_PersonOpensTheMail_SetsAPassword_ThenTheLinkIsRefused()
    {
        var email = $"enlace@{Managed}";
        await CreateAsync(email, "Elena", "Enlace");
        await OpenAccountAsync(email);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Enviar enlace para restablecer la contraseña" }).ClickAsync();
        await _page.GetByText($"Se envió a {email} un enlace para restablecer la contraseña").WaitForAsync();
        await AssertNoSeriousViolationsAsync("cuentas/{id}");

        await _page.GotoAsync("/demo/correo");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Abrir el enlace de «Elegí una contraseña nueva para tu cuenta de Zoom»" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Restablecer tu contraseña", Level = 1 }).WaitForAsync();
        var link = _page.Url;
        Assert.Contains("/restablecer/", link, StringComparison.Ordinal);
        await AssertNoSeriousViolationsAsync("restablecer/{token}");

        await _page.GetByLabel("Contraseña nueva").FillAsync("Nueva-Clave-2026");
        await _page.GetByLabel("Repetir la contraseña").FillAsync("Nueva-Clave-2062");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Guardar la contraseña nueva" }).ClickAsync();
        await _page.GetByText("Las contraseñas no coinciden.").First.WaitForAsync();
        await _page.GetByLabel("Contraseña nueva").FillAsync("Nueva-Clave-2026");
        await _page.GetByLabel("Repetir la contraseña").FillAsync("Nueva-Clave-2026");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Guardar la contraseña nueva" }).ClickAsync();
        await _page.GetByText($"Listo: la contraseña de {email} cambió en Zoom.").WaitForAsync();
        Assert.Equal(Aulario.ZoomSandbox.SandboxState.HashPassword("Nueva-Clave-2026"), Demo.Server!.State.Find(email)!.PasswordHash);

        await _page.GotoAsync(link);
        await _page.GetByText("Este enlace ya se usó o fue reemplazado por uno más nuevo.").WaitForAsync();
        Assert.Equal(0, await _page.GetByLabel("Contraseña nueva").CountAsync());
        Assert.True(_cspViolations.Count == 0, string.Join("\n", _cspViolations));
    }

    [Fact]
    public async Task AccountsPages_HaveNoSeriousAccessibilityViolations()
    {
        await CreateAsync("pendiente@otra.edu.ar", "Pablo", "Pendiente");
        await AssertNoSeriousViolationsAsync("nueva");
        await _page.GotoAsync("/cuentas");
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Cuentas", Level = 1 }).WaitForAsync();
        await AssertNoSeriousViolationsAsync("cuentas");
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
