using Microsoft.Playwright;

namespace Aulario.Browser.Tests.Classrooms;

/// <summary>
/// In a real browser, the seed's ten steps: configure the portal and test its SIU connection → "Nueva aula" on a non-managed domain →
/// preview → "Aplicar" → the job page waits for the activation → activate from the sandbox mailbox → the job finishes live →
/// SIU holds the new link, nombre and codigo, audited as the admin → "Contraseñas Zoom" rotates the whole portal (Zoom and SIU change).
/// </summary>
public sealed class ClassroomJourneyTests : IAsyncLifetime
{
    private ClassroomsLiveApp _app = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _app = await ClassroomsLiveApp.StartAsync();
        var browser = await BrowserSession.GetAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUrl.ToString() });
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task NewClassroom_ActivateFromMailbox_SiuUpdated_ThenRotatePasscodes()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync("/ingresar");
        await page.GetByLabel("Correo electrónico").FillAsync(ClassroomsLiveApp.AdminEmail);
        await page.GetByLabel("Contraseña").FillAsync(ClassroomsLiveApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Panel", Level = 1 }).WaitForAsync();

        // Portal.
        await page.GetByRole(AriaRole.Link, new() { Name = "Portales" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nuevo portal" }).ClickAsync();
        await page.GetByLabel("Nombre", new() { Exact = true }).FillAsync("Instituto Superior");
        await page.GetByLabel("Código", new() { Exact = true }).FillAsync("ISSP");
        await page.GetByLabel("Cadena de conexión a SIU").FillAsync(_app.SiuConnectionString);
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await page.GetByText("Portal guardado.").WaitForAsync();
        Assert.Equal("", await page.GetByLabel("Cadena de conexión a SIU").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Probar conexión" }).ClickAsync();
        await page.GetByText("La conexión funciona: la tabla y todas las columnas existen.").WaitForAsync();
        Assert.True(await page.GetByText("Codificación del servidor: LATIN1.").IsVisibleAsync());

        // Nueva aula → preview → Aplicar.
        await page.GetByRole(AriaRole.Link, new() { Name = "Aulas virtuales" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nueva aula" }).ClickAsync();
        await page.GetByLabel("Espacio").SelectOptionAsync("10");
        await page.GetByLabel("Correo de la cuenta del aula").FillAsync("aula901@otra.edu.ar");
        await page.GetByLabel("Nuevo nombre en SIU").FillAsync("Zoom 901 - Ñandú");
        await page.GetByLabel("Nuevo código en SIU").FillAsync("Z901");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ver los cambios" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Vista previa" }).WaitForAsync();
        Assert.True(await page.GetByRole(AriaRole.Cell, new() { Name = "Zoom 901 - Ñandú" }).IsVisibleAsync());
        Assert.Equal("Aula 101", (await _app.RowAsync(10)).Nombre);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aplicar" }).ClickAsync();
        await page.GetByText("Activación de la cuenta (esperando)").WaitForAsync();

        // Seed steps 5–8 in the sandbox mailbox.
        var mailbox = await _context.NewPageAsync();
        await mailbox.GotoAsync(new Uri(_app.Sandbox.BaseUrl, "_sandbox/mailbox").ToString());
        await mailbox.GetByRole(AriaRole.Row).Filter(new() { HasText = "aula901@otra.edu.ar" }).GetByRole(AriaRole.Link, new() { Name = "Activar su cuenta de Zoom" }).ClickAsync();
        await mailbox.GetByLabel("Contraseña", new() { Exact = true }).FillAsync("Clave-Aula-2026");
        await mailbox.GetByLabel("Repetir contraseña").FillAsync("Clave-Aula-2026");
        await mailbox.GetByRole(AriaRole.Button, new() { Name = "Continuar" }).ClickAsync();
        await mailbox.GetByText("está activa").WaitForAsync();

        // The job page follows by itself (polling script) and ends.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Terminado", Level = 2 }).WaitForAsync(new() { Timeout = 60_000 });
        var row = await _app.RowAsync(10);
        var user = _app.Sandbox.State.Find("aula901@otra.edu.ar")!;
        Assert.Equal(("Zoom 901 - Ñandú", "Z901"), (row.Nombre, row.Codigo));
        Assert.StartsWith(_app.Sandbox.BaseUrl + "j/" + user.Pmi.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Link, StringComparison.Ordinal);
        Assert.Equal("aulario:" + ClassroomsLiveApp.AdminEmail, await _app.LastAuditUserAsync(10));

        // Contraseñas Zoom: reveal, then rotate the whole portal.
        await page.GetByRole(AriaRole.Link, new() { Name = "Volver a las aulas del portal" }).ClickAsync();
        await page.GetByText("Lista").First.WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Contraseñas Zoom" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mostrar" }).ClickAsync();
        Assert.Equal(user.PmiPassword, await page.Locator("code.secret").TextContentAsync());
        var before = user.PmiPassword;
        await page.GetByRole(AriaRole.Button, new() { Name = "Generar nuevas para todo el portal" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Terminado", Level = 2 }).WaitForAsync(new() { Timeout = 60_000 });
        Assert.NotEqual(before, _app.Sandbox.State.Find("aula901@otra.edu.ar")!.PmiPassword);
        Assert.NotEqual(row.Link, (await _app.RowAsync(10)).Link);
    }
}
