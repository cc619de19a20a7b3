using System.Net;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Tests.Sso;

/// <summary>The Sso section at start: invalid settings stop the host with a Spanish message naming the key (never the
/// secret); without an authority the sign-in page has no SSO button and the SSO routes are 404.</summary>
public sealed class SsoHostTests
{
    [Fact]
    public async Task Invalid_sso_settings_stop_the_start_naming_the_key_without_the_secret()
    {
        const string secret = "el-secreto-del-cliente-que-no-se-loguea";
        await using var app = new AularioWebFactory(new Dictionary<string, string?>
        {
            ["Sso:Authority"] = "http://idp.inst.edu.ar",
            ["Sso:ClientId"] = "aulario",
            ["Sso:ClientSecret"] = secret,
            ["Sso:RequireHttpsMetadata"] = "false",
            ["Sso:AllowedEmailDomains:0"] = "inst.edu.ar",
        });
        var error = Assert.Throws<OptionsValidationException>(() => app.Services);
        Assert.Contains("Sso:Authority debe usar https", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_authority_there_is_no_button_and_the_sso_routes_are_404()
    {
        await using var app = new AularioWebFactory();
        using var client = app.CreateBrowserLikeClient();
        var page = await client.GetStringAsync("/ingresar");
        Assert.DoesNotContain("/ingresar/sso/iniciar", page, StringComparison.Ordinal);
        using var start = await client.GetAsync("/ingresar/sso/iniciar");
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        using var complete = await client.GetAsync("/ingresar/sso");
        Assert.Equal(HttpStatusCode.NotFound, complete.StatusCode);
    }

    [Fact]
    public async Task With_authority_the_button_shows_and_an_unreachable_provider_gets_a_clear_page()
    {
        await using var app = new AularioWebFactory(new Dictionary<string, string?>
        {
            ["Sso:Authority"] = "http://127.0.0.1:9",
            ["Sso:ClientId"] = "aulario",
            ["Sso:ClientSecret"] = "s3creto",
            ["Sso:RequireHttpsMetadata"] = "false",
            ["Sso:DisplayName"] = "Campus Virtual",
            ["Sso:AllowedEmailDomains:0"] = "inst.edu.ar",
        });
        using var client = app.CreateBrowserLikeClient();
        var page = await client.GetStringAsync("/ingresar");
        Assert.Contains("Ingresar con Campus Virtual", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/ingresar/sso/iniciar\"", page, StringComparison.Ordinal);
        // Nothing listens on port 9: the metadata cannot be read, and the person gets a clear page, not an error 500.
        using var start = await client.GetAsync("/ingresar/sso/iniciar");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/ingresar/sso?error=unavailable", start.Headers.Location?.ToString());
        using var unavailable = await client.GetAsync("/ingresar/sso?error=unavailable");
        Assert.Equal(HttpStatusCode.Forbidden, unavailable.StatusCode);
        Assert.Contains("no responde en este momento", await unavailable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var refused = await client.GetAsync("/ingresar/sso?error=denied");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("se canceló", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Arriving without the provider's answer (no external cookie) is refused too, and creates nothing.
        using var direct = await client.GetAsync("/ingresar/sso");
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
    }
}
