using System.Net;
using System.Text.RegularExpressions;
using Aulario.ZoomSandbox.Tests.Infrastructure;

namespace Aulario.ZoomSandbox.Tests;

public sealed partial class UserCreationTests
{
    [Fact]
    public async Task Create_leaves_the_user_pending_until_the_activation_form_is_submitted()
    {
        await using var host = await SandboxHost.StartAsync();
        using var created = await host.CreateUserAsync("create", "docente@otra.edu.ar");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await SandboxHost.ReadJsonAsync(created);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal("docente@otra.edu.ar", body.GetProperty("email").GetString());
        Assert.Equal(2, body.GetProperty("type").GetInt32());

        Assert.Equal("pending", (await host.GetJsonAsync($"v2/users/{id}")).GetProperty("status").GetString());
        var pending = await host.GetJsonAsync("v2/users?status=pending");
        Assert.Contains(pending.GetProperty("users").EnumerateArray(), u => u.GetProperty("id").GetString() == id);

        var mail = Assert.Single((await host.GetJsonAsync("_sandbox/api/mailbox")).EnumerateArray());
        Assert.Equal("docente@otra.edu.ar", mail.GetProperty("to").GetString());
        Assert.Equal("Activá tu cuenta de Zoom", mail.GetProperty("subject").GetString());
        var activationUrl = mail.GetProperty("activationUrl").GetString()!;
        Assert.StartsWith(host.Server.BaseUrl + "_sandbox/activate/", activationUrl, StringComparison.Ordinal);

        var page = await host.Http.GetStringAsync(activationUrl);
        Assert.Contains("<label for=\"password\">Contraseña</label>", page, StringComparison.Ordinal);
        Assert.Contains("lang=\"es-AR\"", page, StringComparison.Ordinal);

        using (var weak = await host.Http.PostFormAsync(activationUrl, Form("Ana", "Pérez", "corta")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
            Assert.Contains("1124", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal("pending", (await host.GetJsonAsync($"v2/users/{id}")).GetProperty("status").GetString());

        using (var ok = await host.Http.PostFormAsync(activationUrl, Form("Ana María", "Pérez", "Clases2026x")))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var user = await host.GetJsonAsync($"v2/users/{id}");
        Assert.Equal("active", user.GetProperty("status").GetString());
        Assert.Equal("Ana María", user.GetProperty("first_name").GetString());

        using var reused = await host.Http.GetAsync(activationUrl);
        Assert.Equal(HttpStatusCode.NotFound, reused.StatusCode);
    }

    private static Dictionary<string, string> Form(string first, string last, string password) =>
        new() { ["first_name"] = first, ["last_name"] = last, ["password"] = password, ["confirm_password"] = password };

    [Fact]
    public async Task AutoCreate_is_allowed_only_on_managed_domains()
    {
        await using var host = await SandboxHost.StartAsync();
        using var managed = await host.CreateUserAsync("autoCreate", "aula900@" + SandboxHost.ManagedDomain, 2, "Aulario2026x");
        Assert.Equal(HttpStatusCode.Created, managed.StatusCode);
        var id = (await SandboxHost.ReadJsonAsync(managed)).GetProperty("id").GetString();
        Assert.Equal("active", (await host.GetJsonAsync($"v2/users/{id}")).GetProperty("status").GetString());
        Assert.Empty((await host.GetJsonAsync("_sandbox/api/mailbox")).EnumerateArray());

        using var foreignDomain = await host.CreateUserAsync("autoCreate", "aula900@gmail.com", 2, "Aulario2026x");
        await SandboxHost.AssertZoomErrorAsync(foreignDomain, 400, 1116);
    }

    [Fact]
    public async Task SsoCreate_makes_an_active_user_without_password_and_custCreate_is_not_enabled()
    {
        await using var host = await SandboxHost.StartAsync(o => o.SsoEnabled = true);
        using var sso = await host.CreateUserAsync("ssoCreate", "sso@otra.edu.ar", 2, password: "Ignorada2026x");
        Assert.Equal(HttpStatusCode.Created, sso.StatusCode);
        var id = (await SandboxHost.ReadJsonAsync(sso)).GetProperty("id").GetString();
        var user = await host.GetJsonAsync($"v2/users/{id}");
        Assert.Equal("active", user.GetProperty("status").GetString());
        Assert.Equal(101, Assert.Single(user.GetProperty("login_types").EnumerateArray()).GetInt32());
        Assert.Null(host.Server.State.Find("sso@otra.edu.ar")!.PasswordHash);
        Assert.Empty((await host.GetJsonAsync("_sandbox/api/mailbox")).EnumerateArray());
        using var password = await host.PutJsonAsync($"v2/users/{id}/password", new { password = "Clases2026x" });
        await SandboxHost.AssertZoomErrorAsync(password, 400, 1123);

        using var cust = await host.CreateUserAsync("custCreate", "cust@" + SandboxHost.ManagedDomain, 1);
        await SandboxHost.AssertZoomErrorAsync(cust, 400, 2002);
    }

    [Fact]
    public async Task SsoCreate_needs_sso_enabled_on_the_account_otherwise_400_code_2002_and_nothing_is_created()
    {
        await using var host = await SandboxHost.StartAsync();
        using var refused = await host.CreateUserAsync("ssoCreate", "sso@" + SandboxHost.ManagedDomain, 1);
        await SandboxHost.AssertZoomErrorAsync(refused, 400, 2002);
        Assert.Empty(host.Server.State.Users);
    }

    [Fact]
    public async Task Type_99_none_is_only_accepted_with_ssoCreate()
    {
        await using var host = await SandboxHost.StartAsync(o => o.SsoEnabled = true);
        using var create = await host.CreateUserAsync("create", "ninguna@otra.edu.ar", 99);
        await SandboxHost.AssertZoomErrorAsync(create, 400, 300);
        using var sso = await host.CreateUserAsync("ssoCreate", "ninguna@otra.edu.ar", 99);
        Assert.Equal(HttpStatusCode.Created, sso.StatusCode);
    }

    [Fact]
    public async Task A_second_create_with_the_same_email_is_409_code_1005()
    {
        await using var host = await SandboxHost.StartAsync();
        using (var first = await host.CreateUserAsync("create", "dup@otra.edu.ar")) Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await host.CreateUserAsync("create", "DUP@otra.edu.ar");
        await SandboxHost.AssertZoomErrorAsync(second, 409, 1005);
        Assert.Single(host.Server.State.Users);
    }

    [Fact]
    public async Task An_email_held_by_another_zoom_account_is_409_code_1009()
    {
        await using var host = await SandboxHost.StartAsync(o => o.ForeignEmails = ["tomado@otra.edu.ar"]);
        using var response = await host.CreateUserAsync("create", "tomado@otra.edu.ar");
        await SandboxHost.AssertZoomErrorAsync(response, 409, 1009);
        Assert.Empty(host.Server.State.Users);
    }

    [Theory]
    [InlineData("sin-arroba.edu.ar")]
    [InlineData("dos@@otra.edu.ar")]
    [InlineData("espacio @otra.edu.ar")]
    [InlineData("sin@dominio")]
    public async Task An_invalid_email_is_a_validation_error_naming_the_field(string email)
    {
        await using var host = await SandboxHost.StartAsync();
        using var response = await host.CreateUserAsync("create", email);
        await SandboxHost.AssertZoomErrorAsync(response, 400, 300);
        var body = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal("Validation Failed.", body.GetProperty("message").GetString());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("user_info.email", error.GetProperty("field").GetString());
        Assert.Equal("Invalid field.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Too_long_email_and_names_are_each_reported()
    {
        await using var host = await SandboxHost.StartAsync();
        var email = new string('a', 120) + "@otra.edu.ar";
        using var response = await host.CreateUserAsync("create", email, 2, first: new string('n', 65), last: new string('l', 65));
        var body = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal(300, body.GetProperty("code").GetInt32());
        var fields = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "user_info.email", "user_info.first_name", "user_info.last_name" }, fields);
    }

    [Fact]
    public async Task Unknown_action_and_user_type_are_validation_errors()
    {
        await using var host = await SandboxHost.StartAsync();
        using var response = await host.PostJsonAsync("v2/users", new { action = "invite", user_info = new { email = "x@otra.edu.ar", type = 3 } });
        var body = await SandboxHost.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("action", fields);
        Assert.Contains("user_info.type", fields);
    }

    [Theory]
    [InlineData("Ab1", 1124)]
    [InlineData("SoloLetrasAqui", 1126)]
    [InlineData("12345678901", 1125)]
    [InlineData("minusculas123", 1128)]
    [InlineData("Xabcdef1", 1131)]
    [InlineData("Password1", 1136)]
    public async Task AutoCreate_passwords_follow_zoom_rules(string password, int code)
    {
        await using var host = await SandboxHost.StartAsync();
        using var response = await host.CreateUserAsync("autoCreate", "clave@" + SandboxHost.ManagedDomain, 2, password);
        await SandboxHost.AssertZoomErrorAsync(response, 400, code);
    }

    [Fact]
    public async Task Activation_url_in_mail_matches_the_html_mailbox()
    {
        await using var host = await SandboxHost.StartAsync();
        using (await host.CreateUserAsync("create", "buzon@otra.edu.ar")) { }
        var html = await host.Http.GetStringAsync("_sandbox/mailbox");
        var url = (await host.GetJsonAsync("_sandbox/api/mailbox"))[0].GetProperty("activationUrl").GetString()!;
        Assert.Contains("Activar su cuenta de Zoom", html, StringComparison.Ordinal);
        Assert.Matches(Href(), html);
        Assert.Contains(url, html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<a href=\"http://127\\.0\\.0\\.1:\\d+/_sandbox/activate/[^\"]+\">")]
    private static partial Regex Href();
}
