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
        var unaccented = WebUtility.HtmlDecode(await _client.GetStringAsync("/cuentas?q=ANA+PEREZ")); // both were created as Ana Pérez
        Assert.Contains("zzpendiente@otra.edu.ar", unaccented, StringComparison.Ordinal);
        Assert.Contains($"zzactiva@{AccountsTestSupport.Managed}", unaccented, StringComparison.Ordinal);
        var bad = await _client.GetStringAsync("/cuentas?estado=borradas");
        Assert.Contains("El estado debe ser activas, pendientes, finalizadas o todas.", WebUtility.HtmlDecode(bad), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_PagerLinksCarryTheTotal_FirstAndLastIncluded_AndAStaleOrJunkTotalStillShowsTheRightPage()
    {
        // 450 matches in pages of 200: the last page lies beyond the first 500 rows, where the total in the link is used.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            for (var i = 1; i <= 450; i++)
            {
                var a = new Aulario.Core.Accounts.Account { Email = $"zzpag{i:D3}@otra.edu.ar", FirstName = "Pía", LastName = "Paginada", Status = Aulario.Core.Accounts.AccountStatus.Active, CreatedAt = DateTimeOffset.UtcNow };
                a.RefreshSearchKey();
                db.Accounts.Add(a);
            }
            await db.SaveChangesAsync();
        }

        var first = WebUtility.HtmlDecode(await _client.GetStringAsync("/cuentas?q=zzpag&tam=200"));
        Assert.Contains("Página 1 de 3", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);
        Assert.Equal("/cuentas?estado=todas&q=zzpag&orden=email&pagina=2&tam=200&total=450", Link(first, "next"));
        var last = WebUtility.HtmlDecode(await _client.GetStringAsync(Link(first, "last")));
        Assert.Contains("Página 3 de 3", last, StringComparison.Ordinal);
        Assert.Contains("zzpag401@otra.edu.ar", last, StringComparison.Ordinal);
        Assert.Contains("zzpag450@otra.edu.ar", last, StringComparison.Ordinal);
        Assert.DoesNotContain("zzpag400@otra.edu.ar", last, StringComparison.Ordinal);
        Assert.Equal("/cuentas?estado=todas&q=zzpag&orden=email&tam=200&total=450", Link(last, "first"));
        Assert.Equal("/cuentas?estado=todas&q=zzpag&orden=email&pagina=2&tam=200&total=450", Link(last, "prev"));

        // A total from an older page (accounts added or removed since), or not a count, changes nothing the page shows.
        foreach (var total in new[] { "449", "451", "99", "abc", "-1" })
        {
            var page = WebUtility.HtmlDecode(await _client.GetStringAsync($"/cuentas?q=zzpag&tam=200&pagina=3&total={total}"));
            Assert.Contains("Página 3 de 3", page, StringComparison.Ordinal);
            var shown = Regex.Matches(page, "zzpag(\\d{3})@otra.edu.ar").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            Assert.Equal(Enumerable.Range(401, 50), shown);
            Assert.Contains("Todas <span class=\"tab-count\">(450)</span>", page, StringComparison.Ordinal);
            Assert.Contains("total=450", Link(page, "first"), StringComparison.Ordinal);
        }
    }

    private static string Link(string html, string rel) =>
        Regex.Match(html, $"href=\"([^\"]+)\" rel=\"{rel}\"") is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"No {rel} link.");

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
