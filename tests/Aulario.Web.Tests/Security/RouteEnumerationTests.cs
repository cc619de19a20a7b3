using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Security;

/// <summary>
/// Every route the host maps, called anonymously: API routes answer 401, pages redirect to sign-in, unless the route is in the
/// short, explicit list of public routes. A new endpoint that forgets its authorization fails here.
/// </summary>
public sealed partial class RouteEnumerationTests : IAsyncLifetime
{
    private readonly AularioWebFactory _app = new();

    /// <summary>Routes anyone may reach, and why.</summary>
    private static readonly string[] PublicRoutes =
    [
        "/health",                 // load balancers
        "/metrics",                // Prometheus scrapes
        "/ingresar",               // sign-in
        "/ingresar/codigo",        // sign-in, second step: needs Identity's two-factor cookie from a right password
        "/ingresar/recuperacion",  // the same step with a recovery code
        "/ingresar/sso/iniciar",   // "Ingresar con …": redirects to the identity provider (404 while SSO is off)
        "/ingresar/sso",           // back from the identity provider: signs in or shows why not (404 while SSO is off)
        "/setup",                  // guarded by the one-time token instead
        "/registro/{token}",       // invitation sign-up, guarded by the single-use token
        "/restablecer/{token}",    // emailed password reset, guarded by the single-use 24-hour token
        "/contrasena",             // choosing one's password from the mailed link, guarded by the single-use token
        "/webhooks/zoom",          // guarded by Zoom's signature
        "/openapi/{documentName}.json",
        "/api/docs/{documentName?}", // the API reference page and its static assets
        "/api/docs/scalar.js",
        "/api/docs/scalar.aspnetcore.js",
        "/api/docs/favicon.svg",
        "/error",
        "/Error",
        "/cultura",                // language switch works before signing in
        "/salir",                  // signing out is harmless
    ];

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static IEnumerable<(string Method, string Route)> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
                return methods.Select(m => (m, "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')));
            })
            .Where(r => !r.Item2.StartsWith("/_", StringComparison.Ordinal))
            .Distinct();

    [Fact]
    public async Task EveryNonPublicRoute_RefusesAnonymousCallers()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        var routes = Routes(_app.Services).ToList();
        Assert.Contains(routes, r => r.Route.StartsWith("/api/v1", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Route == "/auditoria");
        var problems = new List<string>();
        foreach (var (method, route) in routes)
        {
            if (PublicRoutes.Any(p => string.Equals(p, route, StringComparison.OrdinalIgnoreCase))) continue;
            var url = Fill(route);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            var response = await client.SendAsync(request);
            var code = (int)response.StatusCode;
            var redirectsToSignIn = response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
                                    && response.Headers.Location?.ToString().Contains("/ingresar", StringComparison.Ordinal) == true;
            // 400 is what antiforgery answers to an anonymous form post without a token: nothing ran.
            var refused = code is 401 or 403 || redirectsToSignIn || (code == 400 && method != "GET" && !route.StartsWith("/api", StringComparison.Ordinal));
            if (!refused) problems.Add($"{method} {url} → {code}");
        }
        Assert.True(problems.Count == 0, "Reachable anonymously:\n" + string.Join("\n", problems));
    }

    /// <summary>SCIM is for the identity provider's token only: every /scim/v2 route (and an unmapped one) answers exactly 401,
    /// never a sign-in redirect, never a public page.</summary>
    [Fact]
    public async Task EveryScimRoute_Answers401_ToAnonymousCallers()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        var routes = Routes(_app.Services).Where(r => r.Route.StartsWith("/scim/", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(routes, r => r is ("GET", "/scim/v2/Users"));
        Assert.Contains(routes, r => r is ("PATCH", "/scim/v2/Users/{id}"));
        Assert.Contains(routes, r => r is ("GET", "/scim/v2/ServiceProviderConfig"));
        Assert.DoesNotContain(routes, r => PublicRoutes.Contains(r.Route, StringComparer.OrdinalIgnoreCase));
        var problems = new List<string>();
        foreach (var (method, route) in routes.Append(("GET", "/scim/v2/Groups")).Append(("POST", "/scim/v2/Users/.search")))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(route));
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/scim+json");
            var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/scim+json")
                problems.Add($"{method} {route} → {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
        }
        Assert.True(problems.Count == 0, "SCIM routes not refused with 401:\n" + string.Join("\n", problems));
    }

    private static string Fill(string route) => Parameter().Replace(route, m =>
    {
        var name = m.Groups[1].Value.ToLowerInvariant();
        return name.Contains("id", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : "x";
    });

    [GeneratedRegex(@"\{\*?([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
