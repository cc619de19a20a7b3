using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aulario.Persistence;
using Aulario.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Accounts;

/// <summary>/api/v1/accounts over the real host, in demo mode (the Zoom sandbox over HTTP on loopback), SQLite in its own folder.</summary>
public sealed class AccountsApiTests : IAsyncLifetime
{
    private readonly AularioWebFactory _app = new();
    private HttpClient _client = null!;

    private int _initial;

    // Demo mode may seed example accounts: counts are compared with what was there at start.
    public async Task InitializeAsync()
    {
        _client = await _app.SignedInAsync();
        _initial = await AccountCountAsync();
    }
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<int> AccountCountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AularioDbContext>().Accounts.CountAsync();
    }

    [Fact]
    public async Task Create_OnManagedDomain_IsActive_WithAGeneratedPasswordShownOnce()
    {
        var created = await _client.CreateAsync($"aula528@{AccountsTestSupport.Managed}", "Aula", "528");

        Assert.Equal("active", created.Account.Status);
        Assert.False(created.Adopted);
        Assert.NotNull(created.GeneratedPassword);
        Assert.True(created.GeneratedPassword!.Length >= 8);
        Assert.True(created.Account.HasStoredPassword);
        Assert.NotNull(created.Account.PersonalMeetingUrl);
        var again = await _client.GetStringAsync($"/api/v1/accounts/{created.Account.Id}");
        Assert.DoesNotContain(created.GeneratedPassword, again, StringComparison.Ordinal);
        Assert.Equal("active", _app.Sandbox().Find($"aula528@{AccountsTestSupport.Managed}")!.Status);
    }

    [Fact]
    public async Task Create_OnAnotherDomain_IsPending_AndZoomSendsItsActivationEmail()
    {
        var created = await _client.CreateAsync("docente@otra.edu.ar", license: "basic");

        Assert.Equal("pending", created.Account.Status);
        Assert.Equal("basic", created.Account.LicenseType);
        Assert.Null(created.GeneratedPassword);
        Assert.NotNull(created.Account.ActivationSentAt);
        Assert.Contains(_app.Sandbox().Mailbox, m => m.To == "docente@otra.edu.ar" && m.ActivationUrl is not null);
    }

    [Theory]
    [InlineData("no-es-un-correo", "account.email-invalid")]
    [InlineData("", "account.email-required")]
    [InlineData("dos@@inst.edu.ar", "account.email-invalid")]
    public async Task Create_WithAnInvalidEmail_Is400_AndCreatesNothing(string email, string code)
    {
        var response = await _client.PostAsJsonAsync("/api/v1/accounts", new { email, firstName = "Ana", lastName = "Pérez" });

        var (status, body) = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.True(body.GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(_initial, await AccountCountAsync());
    }

    [Fact]
    public async Task Create_WithAScriptInTheNames_Is400_WithAClearMessage_AndCreatesNothing()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/accounts",
            new { email = $"x@{AccountsTestSupport.Managed}", firstName = "<script>alert(1)</script>", lastName = "Pérez" });

        var (status, body) = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("account.name-invalid", body.GetProperty("code").GetString());
        Assert.Contains("no puede contener", body.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(_initial, await AccountCountAsync());
        Assert.Null(_app.Sandbox().Find($"x@{AccountsTestSupport.Managed}"));
    }

    [Fact]
    public async Task Create_ADuplicateEmail_Is409_AndTheFirstAccountStays()
    {
        await _client.CreateAsync($"dup@{AccountsTestSupport.Managed}");

        var response = await _client.PostAsJsonAsync("/api/v1/accounts", new { email = $"DUP@{AccountsTestSupport.Managed}", firstName = "Otra", lastName = "Persona" });

        var (status, body) = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("account.duplicate", body.GetProperty("code").GetString());
        Assert.Equal(_initial + 1, await AccountCountAsync());
    }

    [Fact]
    public async Task Create_AnEmailActiveInAnotherZoomAccount_Is409_1009_AndCreatesNothing()
    {
        _app.Sandbox().ForeignEmails["ajeno@otra.edu.ar"] = true;

        var response = await _client.PostAsJsonAsync("/api/v1/accounts", new { email = "ajeno@otra.edu.ar", firstName = "Ana", lastName = "Pérez" });

        var (status, body) = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("zoom.email-active-elsewhere", body.GetProperty("code").GetString());
        Assert.Equal(_initial, await AccountCountAsync());
    }

    [Fact]
    public async Task Create_WhenZoomSays1005_AdoptsTheUserAlreadyInTheZoomAccount()
    {
        var existing = _app.Sandbox().Add($"ya.existe@{AccountsTestSupport.Managed}", "Ya", "Existe", 2, "active", DateTimeOffset.UtcNow);

        var created = await _client.CreateAsync($"ya.existe@{AccountsTestSupport.Managed}");

        Assert.True(created.Adopted);
        Assert.Null(created.GeneratedPassword);
        Assert.Equal(existing.Id, created.Account.ZoomUserId);
        Assert.Single(_app.Sandbox().Users, u => u.Email == $"ya.existe@{AccountsTestSupport.Managed}");
    }

    [Fact]
    public async Task Create_WithoutABody_Or_WithAnUnknownLicense_Is400()
    {
        var noBody = await _client.PostAsync("/api/v1/accounts", new StringContent("null", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, (await ProblemAsync(noBody)).Status);
        var badLicense = await _client.PostAsJsonAsync("/api/v1/accounts", new { email = $"l@{AccountsTestSupport.Managed}", firstName = "A", lastName = "B", licenseType = "pro" });
        var (status, body) = await ProblemAsync(badLicense);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("account.license-invalid", body.GetProperty("code").GetString());
        Assert.Equal(_initial, await AccountCountAsync());
    }

    [Fact]
    public async Task Batch_OfTenThousandLines_Is400_WithAClearMessage_AndCreatesNothing()
    {
        var text = string.Join('\n', Enumerable.Range(1, 10_000).Select(i => $"persona{i}@{AccountsTestSupport.Managed}"));

        var response = await _client.PostAsJsonAsync("/api/v1/accounts/batch", new { text });

        var (status, body) = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("paste.too-many", body.GetProperty("code").GetString());
        Assert.Contains("10000 líneas", body.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(_initial, await AccountCountAsync());
        Assert.DoesNotContain(_app.Sandbox().Users, u => u.Email.StartsWith("persona", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_WithOneBadLine_Is400_NamingTheLine_AndCreatesNothing()
    {
        var text = $"uno@{AccountsTestSupport.Managed};Uno;Apellido\nmalo\n\ntres@{AccountsTestSupport.Managed};<script>;X";

        var response = await _client.PostAsJsonAsync("/api/v1/accounts/batch", new { text });

        var (status, body) = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var messages = body.GetProperty("errors").GetProperty("text").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith("Línea 2 (malo)", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Línea 4", StringComparison.Ordinal) && m.Contains("no puede contener", StringComparison.Ordinal));
        Assert.Equal(_initial, await AccountCountAsync());
    }

    [Fact]
    public async Task Batch_OfValidLines_CreatesEach_WithPerRowResults()
    {
        var text = $"lote-uno@{AccountsTestSupport.Managed};Uno;Apellido\r\nlote-dos@otra.edu.ar,Dos,Apellido\n";

        var response = await _client.PostAsJsonAsync("/api/v1/accounts/batch", new { text, licenseType = "basic" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var batch = (await response.Content.ReadFromJsonAsync<BatchResponse>())!;
        Assert.Equal(2, batch.Created);
        Assert.Equal([1, 2], batch.Rows.Select(r => r.Line));
        Assert.NotNull(batch.Rows[0].GeneratedPassword);
        Assert.Null(batch.Rows[1].GeneratedPassword);
        var list = await _client.ListAsync("q=lote-");
        Assert.Equal(1, list.Counts.Active);
        Assert.Equal(1, list.Counts.Pending);
        Assert.All(list.Items, a => Assert.Equal("basic", a.LicenseType));
    }

    [Fact]
    public async Task List_FiltersSearchesSortsAndPages_WithCountsPerStatus()
    {
        foreach (var n in new[] { "c", "a", "b" }) await _client.CreateAsync($"lista-{n}@{AccountsTestSupport.Managed}", "Nombre" + n, "Apellido");
        await _client.CreateAsync("lista-pend@otra.edu.ar", "Pendiente", "Uno");

        var active = await _client.ListAsync("q=lista-&estado=activas&orden=email&tam=2");
        Assert.Equal(3, active.TotalCount);
        Assert.Equal(2, active.PageCount);
        Assert.Equal([$"lista-a@{AccountsTestSupport.Managed}", $"lista-b@{AccountsTestSupport.Managed}"], active.Items.Select(a => a.Email));
        Assert.Equal((3, 1, 0, 4), (active.Counts.Active, active.Counts.Pending, active.Counts.Finalized, active.Counts.All));

        var page2 = await _client.ListAsync("q=lista-&estado=activas&orden=email&tam=2&pagina=2");
        Assert.Equal([$"lista-c@{AccountsTestSupport.Managed}"], page2.Items.Select(a => a.Email));
        var desc = await _client.ListAsync("q=lista-&estado=todas&orden=email&desc=true");
        Assert.Equal("lista-pend@otra.edu.ar", desc.Items[0].Email);
        var search = await _client.ListAsync("q=LISTA-PEND");
        Assert.Equal(["lista-pend@otra.edu.ar"], search.Items.Select(a => a.Email));
        var pending = await _client.ListAsync("estado=pendientes");
        Assert.Contains(pending.Items, a => a.Email == "lista-pend@otra.edu.ar");
        Assert.All(pending.Items, a => Assert.Equal("pending", a.Status));
    }

    [Theory]
    [InlineData("estado=borradas", "accounts.filter-invalid")]
    [InlineData("orden=color", "accounts.sort-invalid")]
    [InlineData("pagina=0", "accounts.page-invalid")]
    [InlineData("tam=100000", "accounts.page-size-invalid")]
    public async Task List_WithBadParameters_Is400(string query, string code)
    {
        var (status, body) = await ProblemAsync(await _client.GetAsync("/api/v1/accounts?" + query));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Export_IsAUtf8BomCsv_OfTheFilter_WithFormulaCellsNeutralised_AndParsesBack()
    {
        await _client.CreateAsync($"exp-formula@{AccountsTestSupport.Managed}", "=HYPERLINK(1,2)", "@SUM(A1)");
        await _client.CreateAsync($"exp-normal@{AccountsTestSupport.Managed}", "José, María", "Núñez");
        await _client.CreateAsync("exp-pendiente@otra.edu.ar", "Pendiente", "-1+2");

        var response = await _client.GetAsync("/api/v1/accounts/export.csv?estado=activas&orden=email&q=exp-");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = AccountsTestSupport.ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.True(rows.Count == 3, string.Join("\n", rows.Select(r => string.Join(" | ", r)))); // header + the two active accounts; the pending one is outside the filter
        Assert.Equal(["Correo", "Nombre", "Apellido", "Estado", "Licencia"], rows[0].Take(5));
        Assert.Equal([$"exp-formula@{AccountsTestSupport.Managed}", "'=HYPERLINK(1,2)", "'@SUM(A1)", "Activa", "Con licencia"], rows[1].Take(5));
        Assert.Equal([$"exp-normal@{AccountsTestSupport.Managed}", "José, María", "Núñez"], rows[2].Take(3));
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
    }

    [Fact]
    public async Task Patch_ChangesNamesAndOptions_InZoomToo_ButNeverTheEmail()
    {
        var created = await _client.CreateAsync($"editar@{AccountsTestSupport.Managed}");
        var url = $"/api/v1/accounts/{created.Account.Id}";

        var ok = await _client.PatchAsJsonAsync(url, new { firstName = "Ana María", department = "Matemática", timezone = "America/Argentina/Cordoba", licenseType = "basic", isClassroom = true });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var edited = (await ok.Content.ReadFromJsonAsync<AccountResponse>())!;
        Assert.Equal(("Ana María", "Pérez", "Matemática", "basic", true), (edited.FirstName, edited.LastName, edited.Department, edited.LicenseType, edited.IsClassroom));
        var zoomUser = _app.Sandbox().Find(created.Account.Email)!;
        Assert.Equal(("Ana María", "Matemática", 1), (zoomUser.FirstName, zoomUser.Dept, zoomUser.Type));

        var (status, body) = await ProblemAsync(await _client.PatchAsJsonAsync(url, new { email = $"otro@{AccountsTestSupport.Managed}" }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("account.email-immutable", body.GetProperty("code").GetString());
        var (tzStatus, tzBody) = await ProblemAsync(await _client.PatchAsJsonAsync(url, new { timezone = "Marte/Olympus", lastName = "<b>" }));
        Assert.Equal(HttpStatusCode.BadRequest, tzStatus);
        Assert.True(tzBody.GetProperty("errors").TryGetProperty("timezone", out _));
        Assert.True(tzBody.GetProperty("errors").TryGetProperty("lastName", out _));
        var after = (await _client.GetFromJsonAsync<AccountResponse>(url))!;
        Assert.Equal((created.Account.Email, "Pérez", "America/Argentina/Cordoba"), (after.Email, after.LastName, after.Timezone));
    }

    [Fact]
    public async Task ResetPassword_ReturnsANewPasswordOnce_AppliesItInZoom_AndIsAudited()
    {
        var created = await _client.CreateAsync($"clave@{AccountsTestSupport.Managed}");

        var response = await _client.PostAsync($"/api/v1/accounts/{created.Account.Id}/reset-password", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var password = (await response.Content.ReadFromJsonAsync<PasswordResponse>())!.Password;
        Assert.NotEqual(created.GeneratedPassword, password);
        Assert.Equal(ZoomSandbox.SandboxState.HashPassword(password), _app.Sandbox().Find(created.Account.Email)!.PasswordHash);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == "account.password-reset");
        Assert.Equal(AccountsTestSupport.AdminEmail, entry.Actor);
        Assert.DoesNotContain(password, (entry.Before ?? "") + entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain(password, await db.Accounts.Where(a => a.Id == created.Account.Id).Select(a => a.PasswordProtected).SingleAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finalize_DeactivatesInZoom_AndTheMeetingLinkStops_ThenReactivate_RestoresTheLicense()
    {
        var created = await _client.CreateAsync($"final@{AccountsTestSupport.Managed}");
        var link = created.Account.PersonalMeetingUrl!;
        using var browser = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);

        var finalized = await _client.PostAsync($"/api/v1/accounts/{created.Account.Id}/finalize", null);
        Assert.Equal(HttpStatusCode.OK, finalized.StatusCode);
        Assert.Equal("finalized", (await finalized.Content.ReadFromJsonAsync<AccountResponse>())!.Status);
        Assert.Equal("inactive", _app.Sandbox().Find(created.Account.Email)!.Status);
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);

        var reactivated = await _client.PostAsync($"/api/v1/accounts/{created.Account.Id}/reactivate", null);
        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        var account = (await reactivated.Content.ReadFromJsonAsync<AccountResponse>())!;
        Assert.Equal(("active", "licensed"), (account.Status, account.LicenseType));
        var zoomUser = _app.Sandbox().Find(created.Account.Email)!;
        Assert.Equal(("active", 2), (zoomUser.Status, zoomUser.Type));
    }

    [Fact]
    public async Task Refresh_ReadsTheActivationFromZoom()
    {
        var created = await _client.CreateAsync("activar@otra.edu.ar");
        Assert.True(_app.Services.GetRequiredService<Aulario.Web.Features.Demo.DemoSandbox>().Server!.Control.Activate(created.Account.ZoomUserId!));

        var response = await _client.PostAsync($"/api/v1/accounts/{created.Account.Id}/refresh", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = (await response.Content.ReadFromJsonAsync<AccountResponse>())!;
        Assert.Equal("active", account.Status);
        Assert.NotNull(account.LastSignInAt);
    }

    [Fact]
    public async Task ActivationEmails_AreSentToPendingAccounts_AndRefusedForOthers()
    {
        var pending = await _client.CreateAsync("pend1@otra.edu.ar");
        var active = await _client.CreateAsync($"act1@{AccountsTestSupport.Managed}");
        var before = _app.Sandbox().Mailbox.Count(m => m.To == "pend1@otra.edu.ar");

        var response = await _client.PostAsJsonAsync("/api/v1/accounts/activation-emails", new { ids = new[] { pending.Account.Id, active.Account.Id } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<List<ActivationEmailResult>>())!;
        Assert.True(results.Single(r => r.Id == pending.Account.Id).Sent);
        Assert.False(results.Single(r => r.Id == active.Account.Id).Sent);
        Assert.Equal(before + 1, _app.Sandbox().Mailbox.Count(m => m.To == "pend1@otra.edu.ar"));
        var (status, _) = await ProblemAsync(await _client.PostAsJsonAsync("/api/v1/accounts/activation-emails", new { ids = Array.Empty<Guid>() }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task UnknownAccount_Is404_OnEveryOneAccountEndpoint()
    {
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await ProblemAsync(await _client.GetAsync($"/api/v1/accounts/{id}"))).Status);
        foreach (var action in new[] { "finalize", "reactivate", "refresh", "reset-password" })
            Assert.Equal(HttpStatusCode.NotFound, (await ProblemAsync(await _client.PostAsync($"/api/v1/accounts/{id}/{action}", null))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ProblemAsync(await _client.PatchAsJsonAsync($"/api/v1/accounts/{id}", new { firstName = "X" }))).Status);
    }

    [Fact]
    public async Task Invitation_QueuesAMailWithASingleUseLink_AndTheSignUpCreatesTheAccount()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/accounts/invitations", new { email = $"invitada@{AccountsTestSupport.Managed}", firstName = "Inés" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string text;
        await using (var scope = _app.Services.CreateAsyncScope())
            text = (await scope.ServiceProvider.GetRequiredService<AularioDbContext>().OutboxMails.SingleAsync(m => m.To == $"invitada@{AccountsTestSupport.Managed}")).TextBody;
        var link = System.Text.RegularExpressions.Regex.Match(text, @"http://\S+/registro/\S+").Value;
        var path = new Uri(link).PathAndQuery;

        var anonymous = _app.CreateBrowserLikeClient();
        var page = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"invitada@{AccountsTestSupport.Managed}", html, StringComparison.Ordinal);
        var token = FormPosts.ReadToken(html);
        var mismatch = await anonymous.PostFormAsync(path, token, ("FirstName", "Inés"), ("LastName", "Gómez"), ("Password", "Clave1234x"), ("ConfirmPassword", "otra"));
        Assert.Contains("Las contraseñas no coinciden.", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await anonymous.PostFormAsync(path, token, ("FirstName", "Inés"), ("LastName", "Gómez"), ("Password", "Clave1234x"), ("ConfirmPassword", "Clave1234x"));
        Assert.Contains("está activa", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var list = await _client.ListAsync("q=invitada");
        Assert.Equal(("active", "Gómez"), (list.Items.Single().Status, list.Items.Single().LastName));
        var reused = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains("ya se usó", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var duplicate = await _client.PostAsJsonAsync("/api/v1/accounts/invitations", new { email = $"invitada@{AccountsTestSupport.Managed}" });
        Assert.Equal(HttpStatusCode.Conflict, (await ProblemAsync(duplicate)).Status);
    }

    [Fact]
    public async Task Anonymous_Gets401()
    {
        var anonymous = _app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/accounts", new { email = "a@b.cd" })).StatusCode);
    }
}
