using System.Globalization;
using Aulario.Core.Accounts;
using Aulario.Persistence;
using Aulario.Web.Features.Demo;
using Aulario.ZoomSandbox;
using Aulario.ZoomSandbox.Recordings;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Aulario.Browser.Tests.SelfService;

/// <summary>A host in a real browser: Historial → participantes → Grabaciones → Reproducir and Descargar, through Aulario.</summary>
public sealed class HistoryAndRecordingsBrowserTests : IAsyncLifetime
{
    private const string Email = "docente@" + DemoSandbox.ManagedDomain;
    private const string Password = "una-frase-de-anfitrion-2026";

    private LiveApp _app = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _cspViolations = [];
    private SandboxRecordingFile _video = null!;
    private string _month = "";

    public async Task InitializeAsync()
    {
        _app = new LiveApp();
        var state = _app.Services.GetRequiredService<DemoSandbox>().Server!.State;
        var zoomUser = state.Add(Email, "Docente", "De Prueba", 2, "active", DateTimeOffset.UtcNow.AddDays(-300));
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-3));
        var lastMonth = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(-1);
        _month = lastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var recorded = new DateTimeOffset(lastMonth.AddDays(14).AddHours(13), TimeSpan.Zero);
        _video = new SandboxRecordingFile("rec-browser-video", "MP4", "MP4", 10_000, recorded, recorded.AddMinutes(80));
        lock (state.Meetings)
        {
            state.Meetings.Add(Meeting(zoomUser.Id, "Clase de Física", DateTimeOffset.UtcNow.AddDays(-2)));
            state.Meetings.Add(Meeting(zoomUser.Id, "Clase grabada", recorded, _video,
                new SandboxRecordingFile("rec-browser-audio", "M4A", "M4A", 3_000, recorded, recorded.AddMinutes(80))));
        }
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var account = new Account { Email = Email, FirstName = "Docente", LastName = "De Prueba", ZoomUserId = zoomUser.Id, Status = AccountStatus.Active, CreatedAt = DateTimeOffset.UtcNow };
            account.RefreshSearchKey();
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(AularioRoles.Host)) await roles.CreateAsync(new IdentityRole(AularioRoles.Host));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = Email, Email = Email, EmailConfirmed = true, AccountId = account.Id };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, AularioRoles.Host)).Succeeded);
        }
        var browser = await BrowserSession.GetAsync();
        _context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUrl.ToString(), AcceptDownloads = true });
        _page = await _context.NewPageAsync();
        _page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) _cspViolations.Add(_page!.Url + " → " + m.Text); };
    }

    private static SandboxMeeting Meeting(string hostId, string topic, DateTimeOffset start, params SandboxRecordingFile[] files) => new(
        86_500_000_000 + Random.Shared.Next(1_000_000), Convert.ToBase64String(Guid.NewGuid().ToByteArray()), hostId, topic, start, 80,
        [
            new SandboxParticipant("p1", "Valentina Suárez", "vsuarez@alumnos.demo.edu.ar", start.AddMinutes(2), start.AddMinutes(78)),
            new SandboxParticipant("p2", "Tomás Benítez", "tbenitez@alumnos.demo.edu.ar", start.AddMinutes(5), start.AddMinutes(80)),
        ], files);

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Host_SignsIn_SeesHistoryAndParticipants_ThenPlaysAndDownloadsARecording_ThroughAulario()
    {
        await _page.GotoAsync("/ingresar");
        await _page.GetByLabel("Correo electrónico").FillAsync(Email);
        await _page.GetByLabel("Contraseña").FillAsync(Password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ingresar" }).ClickAsync();
        await _page.WaitForURLAsync(url => !url.Contains("/ingresar", StringComparison.Ordinal));

        await _page.GotoAsync("/mi-cuenta/historial");
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Historial de reuniones", Level = 1 }).WaitForAsync();
        await _page.GetByRole(AriaRole.Cell, new() { Name = "Clase de Física", Exact = true }).WaitForAsync();
        await AssertNoSeriousViolationsAsync("mi-cuenta/historial");

        await _page.GetByRole(AriaRole.Link, new() { Name = "2 participantes de «Clase de Física»: ver la lista" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Participantes de la reunión", Level = 1 }).WaitForAsync();
        await _page.GetByRole(AriaRole.Cell, new() { Name = "Valentina Suárez", Exact = true }).WaitForAsync();
        await AssertNoSeriousViolationsAsync("mi-cuenta/historial/participantes");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Volver al historial" }).ClickAsync();

        await _page.Locator("nav.subnav").GetByRole(AriaRole.Link, new() { Name = "Grabaciones", Exact = true }).ClickAsync(); // the section nav
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Grabaciones", Level = 1 }).WaitForAsync();
        await AssertNoSeriousViolationsAsync("mi-cuenta/grabaciones (mes actual)");
        await _page.GetByLabel("Mes", new() { Exact = true }).FillAsync(_month);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Ver grabaciones" }).ClickAsync();
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Clase grabada", Level = 3 }).WaitForAsync();
        await _page.GetByText("9,8 KB").WaitForAsync();

        await _page.GetByRole(AriaRole.Link, new() { Name = "Reproducir Video (MP4) de «Clase grabada»" }).ClickAsync();
        var video = _page.Locator("video");
        await video.WaitForAsync();
        var src = await video.GetAttributeAsync("src");
        Assert.StartsWith("/mi-cuenta/grabaciones/archivo/rec-browser-video?mes=" + _month, src, StringComparison.Ordinal);
        var currentSrc = await video.EvaluateAsync<string>("v => v.currentSrc");
        Assert.StartsWith(_app.BaseUrl.ToString(), currentSrc, StringComparison.Ordinal);
        await AssertNoSeriousViolationsAsync("mi-cuenta/grabaciones (reproduciendo)");

        var download = await _page.RunAndWaitForDownloadAsync(() =>
            _page.GetByRole(AriaRole.Link, new() { Name = "Descargar Video (MP4) de «Clase grabada»" }).ClickAsync());
        Assert.StartsWith(_app.BaseUrl + "mi-cuenta/grabaciones/archivo/rec-browser-video", download.Url, StringComparison.Ordinal);
        Assert.EndsWith("Clase grabada.mp4", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), "aulario-rec-" + Guid.NewGuid().ToString("N"));
        await download.SaveAsAsync(path);
        try { Assert.Equal(RecordingBytes.Of(_video), await File.ReadAllBytesAsync(path)); }
        finally { File.Delete(path); }

        var html = await _page.ContentAsync();
        foreach (var token in _app.Services.GetRequiredService<DemoSandbox>().Server!.State.Tokens.Keys)
            Assert.DoesNotContain(token, html, StringComparison.Ordinal);
        Assert.DoesNotContain("/rec/download/", html, StringComparison.Ordinal);
        Assert.True(_cspViolations.Count == 0, string.Join("\n", _cspViolations));
    }

    private async Task AssertNoSeriousViolationsAsync(string what)
    {
        AxeResult result = await _page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"Accessibility problems on /{what}:\n" + string.Join("\n", serious));
    }
}
