using System.Net;
using System.Text.RegularExpressions;
using Aulario.Persistence;
using Aulario.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Aulario.Web.Tests.Security;

/// <summary>Two-step verification as a person does it: read the key off /seguridad/activar, compute the app's code with Otp.NET,
/// type it; sign in with password then code.</summary>
public static partial class TwoFactorSupport
{
    public const string Email = "admin@inst.edu.ar";
    public const string Password = "clave-de-prueba-larga-2026";

    public static TheoryData<DatabaseProvider> Engines => TestDatabase.Engines;

    /// <summary>The app on SQLite (its own folder) or on a new database in the shared PostgreSQL cluster.</summary>
    public static async Task<AularioWebFactory> StartAsync(DatabaseProvider engine = DatabaseProvider.Sqlite)
    {
        if (engine == DatabaseProvider.Sqlite) return new AularioWebFactory();
        var connection = await TestPostgres.CreateDatabaseAsync("aulario_2fa");
        return new AularioWebFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Aulario"] = connection,
            ["Database:Provider"] = "PostgreSql",
            ["Database:MigrateOnStart"] = "true",
        });
    }

    public static async Task<HttpClient> SignedInAdminAsync(AularioWebFactory app, string email = Email, string password = Password)
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A signed-in user with no role (a host signing in with a password).</summary>
    public static async Task CreateUserAsync(AularioWebFactory app, string email, string password, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Usuaria de prueba" };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            var added = await users.AddToRoleAsync(user, role);
            Assert.True(added.Succeeded, string.Join(" ", added.Errors.Select(e => e.Description)));
        }
    }

    public sealed record Enrolled(string Key, IReadOnlyList<string> RecoveryCodes, string Html);

    /// <summary>Enables two-step verification for the signed-in client, the way a person does on /seguridad/activar.</summary>
    public static async Task<Enrolled> EnableAsync(HttpClient client)
    {
        var page = await client.GetAsync("/seguridad/activar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var key = SharedKey(html);
        var response = await client.PostFormAsync("/seguridad/activar", FormPosts.ReadToken(html), ("Code", Code(key)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await response.Content.ReadAsStringAsync();
        var codes = RecoveryCodes(done);
        Assert.Equal(10, codes.Count);
        return new Enrolled(key, codes, done);
    }

    /// <summary>The key as the page shows it (groups of 4), without the spaces.</summary>
    public static string SharedKey(string html)
    {
        var match = SharedKeyPattern().Match(html);
        Assert.True(match.Success, "The page shows no shared key.");
        return match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
    }

    public static IReadOnlyList<string> RecoveryCodes(string html) =>
        RecoveryCodePattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    /// <summary>The code an authenticator app shows now for this key (RFC 6238: SHA-1, 6 digits, 30 s).</summary>
    public static string Code(string key, DateTime? at = null) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(at ?? DateTime.UtcNow);

    /// <summary>A 6-digit code that no time step near now accepts (Identity allows a little clock drift).</summary>
    public static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var near = Enumerable.Range(-5, 11).Select(i => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => ((i * 7919 + 123457) % 1000000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(c => !near.Contains(c));
    }

    /// <summary>Password first: the answer is the redirect to the code step when two-step verification is on.</summary>
    public static async Task<HttpResponseMessage> SignInWithPasswordAsync(HttpClient client, string email = Email, string password = Password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/ingresar" : "/ingresar?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var token = await client.AntiforgeryTokenAsync(url);
        return await client.PostFormAsync(url, token, ("Input.Email", email), ("Input.Password", password));
    }

    public static async Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string code, bool remember = false, string? returnUrl = null)
    {
        var token = await client.AntiforgeryTokenAsync("/ingresar/codigo");
        var fields = new List<(string, string)> { ("Code", code) };
        if (remember) fields.Add(("RememberBrowser", "true"));
        if (returnUrl is not null) fields.Add(("ReturnUrl", returnUrl));
        return await client.PostFormAsync("/ingresar/codigo", token, [.. fields]);
    }

    public static async Task<HttpResponseMessage> PostRecoveryCodeAsync(HttpClient client, string code)
    {
        var token = await client.AntiforgeryTokenAsync("/ingresar/recuperacion");
        return await client.PostFormAsync("/ingresar/recuperacion", token, ("RecoveryCode", code));
    }

    public static async Task<HttpResponseMessage> PostOnPageAsync(HttpClient client, string page, string handler, params (string Key, string Value)[] fields)
    {
        var token = await client.AntiforgeryTokenAsync(page);
        return await client.PostFormAsync(page + "?handler=" + handler, token, fields);
    }

    [GeneratedRegex("id=\"shared-key\"[^>]*>([A-Z2-7 ]+)<")]
    private static partial Regex SharedKeyPattern();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCodePattern();
}
