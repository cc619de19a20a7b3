using System.Net;
using System.Text.RegularExpressions;
using Aulario.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Accounts;

/// <summary>The server-rendered pages: /cuentas, /cuentas/nueva, /cuentas/{id}, /demo/correo (demo mode, no SMTP).</summary>
public sealed partial class AccountsPagesTests : IAsyncLifetime
{
    private readonly AularioWebFactory _app = new();
    private HttpClient _client = null!;

    private int _initial;

    public async Task InitializeAsync()
    {
        _client = await _app.SignedInAsync();
        _initial = await AccountCountAsync();
    }
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> AccountCountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AularioDbContext>().Accounts.CountAsync();
    }

    [Fact]
    public async Task List_ShowsTabsWithCounts_SortLinks_AndTheExportOfTheFilter()
    {
        await _client.CreateAsync($"zzactiva@{AccountsTestSupport.Managed}");
        await _client.CreateAsync("zzpendiente@otra.edu.ar");

        var html = WebUtility.HtmlDecode(await _client.GetStringAsync("/cuentas?estado=pendientes&q=zzpend"));

        Assert.Contains("Activas <span class=\"tab-count\">(0)</span>", html, StringComparison.Ordinal); // counts follow the search
        Assert.Contains("Pendientes <span class=\"tab-count\">(1)</span>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/v1/accounts/export.csv?estado=pendientes&q=zzpend&orden=email\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"ascending\"", html, StringComparison.Ordinal);
        Assert.Contains("Enviar correos de activación", html, StringComparison.Ordinal);
        Assert.Contains("zzpendiente@otra.edu.ar", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"zzactiva@{AccountsTestSupport.Managed}", html, StringComparison.Ordinal);
        var bad = await _client.GetStringAsync("/cuentas?estado=borradas");
        Assert.Contains("El estado debe ser activas, pendientes, finalizadas o todas.", WebUtility.HtmlDecode(bad), StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_PasteOfTenThousandLines_ShowsAClearMessage_AndCreatesNothing()
    {
        var token = await _client.AntiforgeryTokenAsync("/cuentas/nueva");
        var text = string.Join('\n', Enumerable.Range(1, 10_000).Select(i => $"p{i}@{AccountsTestSupport.Managed}"));

        var response = await _client.PostFormAsync("/cuentas/nueva?handler=Paste", token, ("Paste.Text", text), ("Paste.License", "licensed"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("La lista tiene 10000 líneas; se admiten hasta 1000 por vez.", html, StringComparison.Ordinal);
        Assert.Equal(_initial, await AccountCountAsync());
    }

    [Fact]
    public async Task New_CreateWithAScriptInTheName_ShowsAClearMessage_EncodesIt_AndCreatesNothing()
    {
        var token = await _client.AntiforgeryTokenAsync("/cuentas/nueva");

        var response = await _client.PostFormAsync("/cuentas/nueva?handler=Create", token, ("Create.Email", $"x@{AccountsTestSupport.Managed}"),
            ("Create.FirstName", "<script>alert(1)</script>"), ("Create.LastName", "Pérez"), ("Create.License", "licensed"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("El nombre no puede contener los caracteres", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Equal(_initial, await AccountCountAsync());
    }

    [Fact]
    public async Task New_CreateOnAManagedDomain_ShowsTheGeneratedPasswordOnce()
    {
        var token = await _client.AntiforgeryTokenAsync("/cuentas/nueva");

        var response = await _client.PostFormAsync("/cuentas/nueva?handler=Create", token, ("Create.Email", $"aula9@{AccountsTestSupport.Managed}"),
            ("Create.FirstName", "Aula"), ("Create.LastName", "Nueve"), ("Create.License", "licensed"), ("Create.IsClassroom", "true"));

        var html = await response.Content.ReadAsStringAsync();
        var password = WebUtility.HtmlDecode(Password().Match(html).Groups[1].Value);
        Assert.True(password.Length >= 8, html);
        var list = await _client.ListAsync("q=aula9@");
        var account = Assert.Single(list.Items);
        Assert.True(account.IsClassroom);
        var edit = WebUtility.HtmlDecode(await _client.GetStringAsync($"/cuentas/{account.Id}"));
        Assert.DoesNotContain(password, edit, StringComparison.Ordinal);
        Assert.Contains("El correo no se puede cambiar", edit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_FinalizeNeedsTheConfirmation_ThenFinalizesAndReactivates()
    {
        var created = await _client.CreateAsync($"fin@{AccountsTestSupport.Managed}");
        var url = $"/cuentas/{created.Account.Id}";
        var token = await _client.AntiforgeryTokenAsync(url);

        var unconfirmed = WebUtility.HtmlDecode(await (await _client.PostFormAsync(url + "?handler=Finalize", token)).Content.ReadAsStringAsync());
        Assert.Contains("Marcá la confirmación para finalizar la cuenta.", unconfirmed, StringComparison.Ordinal);
        Assert.Equal("active", _app.Sandbox().Find(created.Account.Email)!.Status);

        var finalized = WebUtility.HtmlDecode(await (await _client.PostFormAsync(url + "?handler=Finalize", token, ("ConfirmFinalize", "true"))).Content.ReadAsStringAsync());
        Assert.Contains("La cuenta se finalizó", finalized, StringComparison.Ordinal);
        Assert.Equal("inactive", _app.Sandbox().Find(created.Account.Email)!.Status);

        var reactivated = WebUtility.HtmlDecode(await (await _client.PostFormAsync(url + "?handler=Reactivate", token)).Content.ReadAsStringAsync());
        Assert.Contains("La cuenta se reactivó", reactivated, StringComparison.Ordinal);
        Assert.Equal("active", _app.Sandbox().Find(created.Account.Email)!.Status);

        var shown = await (await _client.PostFormAsync(url + "?handler=RevealPassword", token)).Content.ReadAsStringAsync();
        Assert.Contains(WebUtility.HtmlEncode(created.GeneratedPassword!), shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoMailbox_ListsTheOutbox_WithTheSignUpLink()
    {
        var token = await _client.AntiforgeryTokenAsync("/cuentas/nueva");
        var invited = await _client.PostFormAsync("/cuentas/nueva?handler=Invite", token, ("Invite.Email", $"buzon@{AccountsTestSupport.Managed}"), ("Invite.License", "basic"));
        Assert.Contains("Se envió la invitación a", WebUtility.HtmlDecode(await invited.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var html = WebUtility.HtmlDecode(await _client.GetStringAsync("/demo/correo"));

        Assert.Contains($"buzon@{AccountsTestSupport.Managed}", html, StringComparison.Ordinal);
        Assert.Contains("Invitación para crear tu cuenta de Zoom", html, StringComparison.Ordinal);
        Assert.Matches("href=\"http://[^\"]+/registro/[^\"]+\"", html);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowserLikeClient().GetAsync("/demo/correo")).StatusCode);
    }

    [GeneratedRegex("id=\"generated-password\">([^<]+)<")]
    private static partial Regex Password();
}
