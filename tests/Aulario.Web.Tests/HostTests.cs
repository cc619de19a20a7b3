using System.Net;
using System.Text.Json;

namespace Aulario.Web.Tests;

/// <summary>Anonymous surface of the host: health, security headers, API auth answers, OpenAPI, antiforgery.</summary>
public sealed class HostTests(HostTests.Fixture fixture) : IClassFixture<HostTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AularioWebFactory App { get; } = new();
        public Task InitializeAsync() { _ = App.Services; return Task.CompletedTask; }
        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task Health_DemoMode_ReportsDatabaseAndZoomHealthyAsJson()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["zoom"]);
    }

    [Theory]
    [InlineData("/ingresar")]
    [InlineData("/health")]
    [InlineData("/api/v1/me")]
    public async Task Responses_CarryTheSecurityHeaders(string path)
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_AnonymousInSpanish_WithHttpOnlyLaxAntiforgeryCookie()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var response = await client.GetAsync("/ingresar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"es-AR\">", html, StringComparison.Ordinal);
        Assert.Contains("Iniciar sesión", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aulario.af=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ApiMe_Anonymous_Is401ProblemDetailsNotARedirect()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Se requiere iniciar sesión.", json.RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/auditoria")]
    public async Task Page_Anonymous_RedirectsToSignIn(string path)
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/ingresar", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_IsJsonDescribingTheV1Paths()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", json.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/me", paths);
        Assert.Contains("/api/v1/audit", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/v1/", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiReference_IsServedWithItsOwnRelaxedPolicyOnly()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var response = await client.GetAsync("/api/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var documentUrl = System.Text.RegularExpressions.Regex.Match(html, "\"url\":\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal("/openapi/v1.json", new Uri(new Uri("http://localhost/api/docs/"), documentUrl).AbsolutePath);
        Assert.Contains("unsafe-inline", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        await client.GetAsync("/ingresar"); // has the antiforgery cookie, but the form token is missing

        var response = await client.PostFormAsync("/ingresar", token: null, ("Input.Email", "alguien@inst.edu.ar"), ("Input.Password", "una contraseña larga"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Solicitud inválida", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CultureSwitch_PostsToEnglish_AndTheCookieKeepsIt()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var token = await client.AntiforgeryTokenAsync("/ingresar");

        var switched = await client.PostFormAsync("/cultura", token, ("culture", "en"), ("returnUrl", "/ingresar"));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/ingresar", switched.Headers.Location!.OriginalString);
        var html = await client.GetStringAsync("/ingresar");
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Sign in with your administrator email and password.", html, StringComparison.Ordinal);

        var back = await client.PostFormAsync("/cultura", FormPosts.ReadToken(html), ("culture", "es-AR"), ("returnUrl", "/ingresar"));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Contains("<html lang=\"es-AR\">", await client.GetStringAsync("/ingresar"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CultureSwitch_UnknownCultureOrExternalReturnUrl_ChangesNothingDangerous()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        var token = await client.AntiforgeryTokenAsync("/ingresar");

        var unknown = await client.PostFormAsync("/cultura", token, ("culture", "xx-YY"), ("returnUrl", "/ingresar"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var external = await client.PostFormAsync("/cultura", token, ("culture", "en"), ("returnUrl", "https://evil.example/"));
        Assert.Equal(HttpStatusCode.Redirect, external.StatusCode);
        Assert.Equal("/", external.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Metrics_AreExposedForPrometheus()
    {
        var client = fixture.App.CreateBrowserLikeClient();
        await client.GetAsync("/ingresar");
        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("http_server_request_duration", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
