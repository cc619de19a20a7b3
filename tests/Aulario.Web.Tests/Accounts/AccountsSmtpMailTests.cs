using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Aulario.Web.Tests.Accounts;

/// <summary>
/// The invitation mail through a REAL SMTP server: maildev on loopback ports (tools/node_modules/.bin/maildev), read back through
/// its REST API, then its link followed to sign up.
/// </summary>
public sealed partial class AccountsSmtpMailTests : IAsyncLifetime
{
    private readonly int _smtpPort = FreePort();
    private readonly int _webPort = FreePort();
    private Process _maildev = null!;
    private AularioWebFactory _app = null!;

    public async Task InitializeAsync()
    {
        var maildev = FindMaildev();
        _maildev = Process.Start(new ProcessStartInfo(maildev,
            $"--smtp {_smtpPort} --web {_webPort} --ip 127.0.0.1 --web-ip 127.0.0.1 --silent")
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        using var http = new HttpClient();
        var ready = false;
        for (var i = 0; i < 200 && !ready; i++)
        {
            try { ready = (await http.GetAsync($"http://127.0.0.1:{_webPort}/api/email")).IsSuccessStatusCode; }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        if (!ready)
        {
            _maildev.Kill(entireProcessTree: true);
            Assert.Fail("maildev did not start: " + await _maildev.StandardError.ReadToEndAsync());
        }
        _app = new AularioWebFactory(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "Aulario <no-reply@inst.edu.ar>",
            ["Smtp:PollInterval"] = "00:00:00.200",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { _maildev.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _maildev.Dispose();
    }

    [Fact]
    public async Task Invitation_ArrivesOverSmtp_AndItsLinkSignsUp()
    {
        var admin = await _app.SignedInAsync();
        var email = $"smtp.invitada@{AccountsTestSupport.Managed}";
        var invited = await admin.PostAsJsonAsync("/api/v1/accounts/invitations", new { email, firstName = "Sofía" });
        Assert.Equal(HttpStatusCode.Accepted, invited.StatusCode);

        using var http = new HttpClient();
        JsonElement? mail = null;
        for (var i = 0; i < 300 && mail is null; i++)
        {
            var inbox = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{_webPort}/api/email")).RootElement;
            foreach (var m in inbox.EnumerateArray())
                if (m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == email)) mail = m.Clone();
            if (mail is null) await Task.Delay(100);
        }
        Assert.True(mail is not null, "The invitation never reached the SMTP server.");
        Assert.Equal("Invitación para crear tu cuenta de Zoom", mail.Value.GetProperty("subject").GetString());
        Assert.Equal("no-reply@inst.edu.ar", mail.Value.GetProperty("from")[0].GetProperty("address").GetString());
        var text = mail.Value.GetProperty("text").GetString()!;
        Assert.Contains("Hola Sofía:", text, StringComparison.Ordinal);
        var link = new Uri(SignUpLink().Match(text).Value);

        // The SMTP host is configured: the demo mailbox page does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/demo/correo")).StatusCode);

        var person = _app.CreateBrowserLikeClient();
        var token = await person.AntiforgeryTokenAsync(link.PathAndQuery);
        var done = await person.PostFormAsync(link.PathAndQuery, token, ("FirstName", "Sofía"), ("LastName", "Ruiz"),
            ("Password", "Clave1234x"), ("ConfirmPassword", "Clave1234x"));
        Assert.Contains("está activa", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var list = await admin.ListAsync("q=smtp.invitada");
        Assert.Equal("active", list.Items.Single().Status);
    }

    [Fact]
    public async Task ResetLink_ArrivesOverSmtp_AndItsLinkSetsTheZoomPassword()
    {
        var admin = await _app.SignedInAsync();
        var created = await admin.CreateAsync($"smtp.restablecer@{AccountsTestSupport.Managed}", "Rocío", "Paz");
        var sent = await admin.PostAsync($"/api/v1/accounts/{created.Account.Id}/reset-link", null);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var mail = await WaitForMailAsync(created.Account.Email);
        Assert.Equal("Elegí una contraseña nueva para tu cuenta de Zoom", mail.GetProperty("subject").GetString());
        var text = mail.GetProperty("text").GetString()!;
        Assert.Contains("Hola Rocío:", text, StringComparison.Ordinal);
        Assert.Contains("/restablecer/", mail.GetProperty("html").GetString(), StringComparison.Ordinal);
        var link = new Uri(ResetLink().Match(text).Value);

        var person = _app.CreateBrowserLikeClient();
        var token = await person.AntiforgeryTokenAsync(link.PathAndQuery);
        var done = await person.PostFormAsync(link.PathAndQuery, token, ("Password", "Rocio-Paz-2026"), ("ConfirmPassword", "Rocio-Paz-2026"));
        Assert.Contains("cambió en Zoom", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ZoomSandbox.SandboxState.HashPassword("Rocio-Paz-2026"), _app.Sandbox().Find(created.Account.Email)!.PasswordHash);
    }

    private async Task<JsonElement> WaitForMailAsync(string to)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            var inbox = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{_webPort}/api/email")).RootElement;
            foreach (var m in inbox.EnumerateArray())
                if (m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == to)) return m.Clone();
            await Task.Delay(100);
        }
        Assert.Fail($"No mail to {to} reached the SMTP server.");
        return default;
    }

    private static string FindMaildev()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "node_modules", ".bin", "maildev");
            if (File.Exists(candidate)) return candidate;
        }
        var fallback = Path.Combine(RepoRoot(), "tools", "node_modules", ".bin", "maildev");
        Assert.True(File.Exists(fallback), "maildev is not installed (scripts/test.sh installs it under tools/node_modules).");
        return fallback;
    }

    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".."));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"http://\S+/registro/\S+")]
    private static partial Regex SignUpLink();

    [GeneratedRegex(@"http://\S+/restablecer/\S+")]
    private static partial Regex ResetLink();
}
