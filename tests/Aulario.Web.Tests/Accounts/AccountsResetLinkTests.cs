using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Persistence;
using Aulario.Web.Features.Accounts;
using Aulario.ZoomSandbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Aulario.Web.Tests.Accounts;

/// <summary>
/// "Enviar enlace para restablecer la contraseña": the use case, the API, the edit page button and the public page
/// /restablecer/{token}, in demo mode (Zoom sandbox over HTTP) with one clock the test can move (FakeTimeProvider).
/// </summary>
public sealed partial class AccountsResetLinkTests : IAsyncLifetime
{
    // Auto-advancing, so the sandbox's rate limits, tokens and the mail poller see time pass as in real life.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(5) };
    private readonly AularioWebFactory _app;
    private HttpClient _client = null!;

    public AccountsResetLinkTests() => _app = new AularioWebFactory { Clock = _clock };

    public async Task InitializeAsync() => _client = await _app.SignedInAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Api_EmailsASingleUseLink_ThePersonSetsAPassword_ZoomHasIt_AularioKeepsNone_BothStepsAudited()
    {
        var created = await _client.CreateAsync($"enlace@{AccountsTestSupport.Managed}");
        var email = created.Account.Email;
        Assert.True(created.Account.HasStoredPassword);
        var generatedHash = SandboxState.HashPassword(created.GeneratedPassword!);

        var sent = await _client.PostAsync($"/api/v1/accounts/{created.Account.Id}/reset-link", null);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var body = (await sent.Content.ReadFromJsonAsync<PasswordResetLinkResponse>())!;
        Assert.Equal(email, body.Email);
        Assert.InRange(body.ExpiresAt - _clock.GetUtcNow(), TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        var mail = await MailToAsync(email);
        Assert.Equal("Elegí una contraseña nueva para tu cuenta de Zoom", mail.Subject);
        var path = LinkPath(mail.TextBody);
        var token = path["/restablecer/".Length..];
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var stored = await db.PasswordResetLinks.SingleAsync();
            Assert.NotEqual(token, stored.TokenHash);                  // only the hash is stored
            Assert.Equal(64, stored.TokenHash.Length);
        }

        var person = _app.CreateBrowserLikeClient();
        var page = await person.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains($"Elegí una contraseña nueva para la cuenta de Zoom {email}.", html, StringComparison.Ordinal);
        var form = FormPosts.ReadToken(html);

        // Bad input: a clear message each time, and nothing changes (Zoom's password, Aulario's stored one, the link).
        await AssertRefusedAsync(person, path, form, "Nueva-Clave-2026", "Nueva-Clave-2062", "Las contraseñas no coinciden.");
        await AssertRefusedAsync(person, path, form, "nueva-clave-2026", "nueva-clave-2026", "La contraseña debe combinar mayúsculas y minúsculas.");
        await AssertRefusedAsync(person, path, form, "Corta1", "Corta1", "La contraseña debe tener entre 8 y 31 caracteres.");
        // Passes Aulario's check, but Zoom refuses it (the same as the current password).
        await AssertRefusedAsync(person, path, form, created.GeneratedPassword!, created.GeneratedPassword!, "Zoom rechazó la contraseña de la cuenta");
        Assert.Equal(generatedHash, _app.Sandbox().Find(email)!.PasswordHash);
        Assert.True((await AccountAsync(created.Account.Id)).HasStoredPassword);

        var done = await person.PostFormAsync(path, form, ("Password", "Nueva-Clave-2026"), ("ConfirmPassword", "Nueva-Clave-2026"));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains($"Listo: la contraseña de {email} cambió en Zoom.", WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(SandboxState.HashPassword("Nueva-Clave-2026"), _app.Sandbox().Find(email)!.PasswordHash);
        Assert.False((await AccountAsync(created.Account.Id)).HasStoredPassword);   // the generated one is no longer valid
        var reveal = await _client.PostAsync($"/api/v1/accounts/{created.Account.Id}/reset-password", null); // still resettable by the admin
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var entries = await db.AuditEntries.Where(e => e.Action.StartsWith("account.password-reset-link")).OrderBy(e => e.At).ToListAsync();
            Assert.Equal([("account.password-reset-link-sent", AccountsTestSupport.AdminEmail), ("account.password-reset-link-used", email)],
                entries.Select(e => (e.Action, e.Actor)));
            Assert.All(entries, e => Assert.DoesNotContain("Nueva-Clave-2026", (e.Before ?? "") + e.After, StringComparison.Ordinal));
            Assert.All(entries, e => Assert.DoesNotContain(token, (e.Before ?? "") + e.After, StringComparison.Ordinal));
        }

        // Single use.
        var reused = await person.GetAsync(path);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains("Este enlace ya se usó", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var again = await person.PostFormAsync(path, form, ("Password", "Otra-Clave-2027"), ("ConfirmPassword", "Otra-Clave-2027"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.NotEqual(SandboxState.HashPassword("Otra-Clave-2027"), _app.Sandbox().Find(email)!.PasswordHash);
    }

    [Fact]
    public async Task ANewLinkSupersedesTheOlder_AndALinkExpiresAfter24Hours_ChangingNothing()
    {
        var created = await _client.CreateAsync($"vence@{AccountsTestSupport.Managed}");
        var email = created.Account.Email;
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostAsync($"/api/v1/accounts/{created.Account.Id}/reset-link", null)).StatusCode);
        var first = LinkPath((await MailToAsync(email)).TextBody);
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostAsync($"/api/v1/accounts/{created.Account.Id}/reset-link", null)).StatusCode);
        var second = LinkPath((await MailToAsync(email, skip: first)).TextBody);

        var person = _app.CreateBrowserLikeClient();
        var old = await person.GetAsync(first);
        Assert.Equal(HttpStatusCode.Conflict, old.StatusCode);
        Assert.Contains("fue reemplazado por uno más nuevo", WebUtility.HtmlDecode(await old.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var page = await person.GetAsync(second);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = FormPosts.ReadToken(await page.Content.ReadAsStringAsync());

        _clock.Advance(TimeSpan.FromHours(24));
        var expired = await person.PostFormAsync(second, form, ("Password", "Nueva-Clave-2026"), ("ConfirmPassword", "Nueva-Clave-2026"));
        Assert.Equal(HttpStatusCode.Conflict, expired.StatusCode);
        Assert.Contains("Este enlace venció (vale 24 horas).", WebUtility.HtmlDecode(await expired.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(SandboxState.HashPassword(created.GeneratedPassword!), _app.Sandbox().Find(email)!.PasswordHash);
        // (read from the store: a day later the admin's sign-in cookie has expired too)
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        Assert.NotNull(await db.Accounts.Where(a => a.Id == created.Account.Id).Select(a => a.PasswordProtected).SingleAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Action == "account.password-reset-link-used"));
    }

    [Fact]
    public async Task PendingFinalizedAndUnknownAccounts_AreRefusedWithAClearProblem_AndNothingIsSent()
    {
        var pending = await _client.CreateAsync("pendiente@otra.edu.ar");
        var finalized = await _client.CreateAsync($"finalizada@{AccountsTestSupport.Managed}");
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/api/v1/accounts/{finalized.Account.Id}/finalize", null)).StatusCode);

        var (status, problem) = await ProblemAsync(await _client.PostAsync($"/api/v1/accounts/{pending.Account.Id}/reset-link", null));
        Assert.Equal((HttpStatusCode.Conflict, "account.not-active"), (status, problem.GetProperty("code").GetString()));
        Assert.Contains("correo de activación de Zoom", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        (status, problem) = await ProblemAsync(await _client.PostAsync($"/api/v1/accounts/{finalized.Account.Id}/reset-link", null));
        Assert.Equal((HttpStatusCode.Conflict, "account.finalized"), (status, problem.GetProperty("code").GetString()));
        (status, _) = await ProblemAsync(await _client.PostAsync($"/api/v1/accounts/{Guid.NewGuid()}/reset-link", null));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateBrowserLikeClient().PostAsync($"/api/v1/accounts/{pending.Account.Id}/reset-link", null)).StatusCode);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            Assert.Equal(0, await db.PasswordResetLinks.CountAsync());
            Assert.Equal(0, await db.OutboxMails.CountAsync(m => m.Subject.StartsWith("Elegí una contraseña")));
            Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Action.StartsWith("account.password-reset-link")));
        }

        var unknown = await _app.CreateBrowserLikeClient().GetAsync("/restablecer/no-existe");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("El enlace para restablecer la contraseña no es válido.", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseCase_RefusesBadInputWithCodes_AndALinkOfAnAccountFinalizedSinceStopsWorking()
    {
        var created = await _client.CreateAsync($"caso@{AccountsTestSupport.Managed}");
        string? token = null;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var links = scope.ServiceProvider.GetRequiredService<PasswordResetLinks>();
            var sent = await links.SendAsync(created.Account.Id, new Actor("ana"), AdminScope.Institution, t => $"https://aulario.test/restablecer/{token = t}", "en");
            Assert.True(sent.IsSuccess);
            var outside = await links.SendAsync(created.Account.Id, new Actor("ana"), AdminScope.Portals(Guid.NewGuid()), t => t, "es-AR");
            Assert.Equal("account.not-found", outside.Errors[0].Code);
        }
        Assert.NotNull(token);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var mail = await scope.ServiceProvider.GetRequiredService<AularioDbContext>().OutboxMails.SingleAsync(m => m.To == created.Account.Email);
            Assert.Equal("Choose a new password for your Zoom account", mail.Subject);   // the admin's language
            Assert.Contains($"https://aulario.test/restablecer/{token}", mail.HtmlBody, StringComparison.Ordinal);
        }

        async Task<string> Refusal(string password, string confirm)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<PasswordResetLinks>().CompleteAsync(new CompletePasswordResetRequest(token!, password, confirm));
            Assert.False(result.IsSuccess);
            return result.Errors[0].Code;
        }
        Assert.Equal("account.password-mismatch", await Refusal("Nueva-Clave-2026", "nueva-clave-2026"));
        Assert.Equal("account.password-sequence", await Refusal("Clave-123456", "Clave-123456"));
        Assert.Equal("account.password-common", await Refusal("Password123", "Password123"));
        Assert.Equal("account.password-required", await Refusal("", ""));

        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/api/v1/accounts/{created.Account.Id}/finalize", null)).StatusCode);
        Assert.Equal("account.finalized", await Refusal("Nueva-Clave-2026", "Nueva-Clave-2026"));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var links = scope.ServiceProvider.GetRequiredService<PasswordResetLinks>();
            Assert.Equal("password-link.not-found", (await links.ViewAsync("x")).Errors[0].Code);
            Assert.Null((await scope.ServiceProvider.GetRequiredService<AularioDbContext>().PasswordResetLinks.SingleAsync()).UsedAt);
        }
    }

    [Fact]
    public async Task EditPage_OffersTheLinkNextToTheGeneratedReset_AndSaysWhereItWentAndUntilWhen()
    {
        var created = await _client.CreateAsync($"pagina@{AccountsTestSupport.Managed}");
        var pending = await _client.CreateAsync("pagina@otra.edu.ar");
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync($"/cuentas/{created.Account.Id}"));
        Assert.Contains("Restablecer contraseña", html, StringComparison.Ordinal);
        Assert.Contains("Enviar enlace para restablecer la contraseña", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Enviar enlace para restablecer la contraseña", WebUtility.HtmlDecode(await _client.GetStringAsync($"/cuentas/{pending.Account.Id}")), StringComparison.Ordinal);

        var form = FormPosts.ReadToken(html);
        var posted = await _client.PostFormAsync($"/cuentas/{created.Account.Id}?handler=SendResetLink", form);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains($"Se envió a {created.Account.Email} un enlace para restablecer la contraseña, válido hasta el",
            WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("/restablecer/", (await MailToAsync(created.Account.Email)).TextBody, StringComparison.Ordinal);

        var refused = await _client.PostFormAsync($"/cuentas/{pending.Account.Id}?handler=SendResetLink", form);
        Assert.Contains("La cuenta está pendiente", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(HttpClient person, string path, string? form, string password, string confirm, string message)
    {
        var response = await person.PostFormAsync(path, form, ("Password", password), ("ConfirmPassword", confirm));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.DoesNotContain(password, html, StringComparison.Ordinal);   // never echoed back
        Assert.Contains("name=\"Password\"", html, StringComparison.Ordinal); // the form is still there
    }

    private async Task<AccountResponse> AccountAsync(Guid id) => (await _client.GetFromJsonAsync<AccountResponse>($"/api/v1/accounts/{id}"))!;

    private async Task<Aulario.Core.Mail.OutboxMail> MailToAsync(string to, string? skip = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var mails = await scope.ServiceProvider.GetRequiredService<AularioDbContext>().OutboxMails.AsNoTracking()
            .Where(m => m.To == to && m.Subject.Contains("contraseña")).ToListAsync();
        return mails.Single(m => skip is null || !m.TextBody.Contains(skip, StringComparison.Ordinal));
    }

    private static string LinkPath(string text) => new Uri(ResetLink().Match(text).Value).PathAndQuery;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [GeneratedRegex(@"https?://\S+/restablecer/\S+")]
    private static partial Regex ResetLink();
}
