using System.Net;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Security;

/// <summary>
/// The same enumeration, signed in with a role: a host is refused on every route but the public and self-service ones, and a
/// portal admin of portal A is refused (403/404) on every route that names one of portal B's resources, and never sees B's data
/// in any response (lists included). Page routes are called with each of their handlers. A new route that names a resource this
/// test cannot fill fails here until its resource is added to <see cref="FillWithPortalB"/>.
/// </summary>
public sealed partial class RouteEnumerationTests
{
    /// <summary>Every (method, url) the host exposes, page routes once per handler (`?handler=Name`).</summary>
    private static async Task<List<(string Method, string Route, string? Handler, Endpoint Endpoint)>> CallsAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var calls = new List<(string, string, string?, Endpoint)>();
        foreach (var e in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
            if (route.StartsWith("/_", StringComparison.Ordinal)) continue;
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, e.Metadata);
                calls.Add(("GET", route, null, e));
                calls.Add(("POST", route, null, e));
                foreach (var h in compiled.HandlerMethods.Where(h => h.Name is not null))
                    calls.Add((h.HttpMethod.ToUpperInvariant(), route, h.Name, e));
                continue;
            }
            foreach (var m in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                calls.Add((m, route, null, e));
        }
        return calls.Distinct().ToList();
    }

    internal static bool IsPublic(string route) => PublicRoutes.Any(p => string.Equals(p, route, StringComparison.OrdinalIgnoreCase))
                                                  || route.StartsWith("/error/", StringComparison.OrdinalIgnoreCase); // the error pages

    private static bool IsSelfService(Endpoint e) => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AuthPolicies.SelfService);

    /// <summary>Pages for any signed-in person acting as themselves (own password and two-step verification).</summary>
    private static bool IsOwnSecurity(Endpoint e) => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AuthPolicies.SignedIn);

    /// <summary>/scim/v2 has its own bearer scheme that accepts SCIM tokens only: any other caller gets 401 there
    /// (tested on its own in RouteEnumerationTests: every SCIM route refuses everything but a SCIM token).</summary>
    internal static bool RefusedByScimScheme(string url, HttpResponseMessage r) =>
        url.StartsWith("/scim/", StringComparison.OrdinalIgnoreCase) && r.StatusCode == HttpStatusCode.Unauthorized;

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, string? handler, bool page, string antiforgery)
    {
        if (handler is not null) url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH" or "DELETE")
            request.Content = page
                ? new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery), new("Form.FirstName", "x"), new("Form.LastName", "x")])
                : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }

    private static bool Refused(HttpResponseMessage r)
    {
        var location = r.Headers.Location?.ToString() ?? "";
        return (int)r.StatusCode is 403 or 404
               || (r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && (location.Contains("/error/403", StringComparison.Ordinal) || location.Contains("/error/404", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AHost_IsRefusedOnEveryAdminRoute()
    {
        var world = await RolesWorld.CreateAsync(_app);
        var client = await world.SignedInAsync(_app, RolesWorld.Host);
        // The language form of the layout carries a token on every page, the access-denied page included.
        var antiforgery = FormPosts.ReadToken(await (await client.GetAsync("/error/403")).Content.ReadAsStringAsync());
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var (method, route, handler, endpoint) in await CallsAsync(_app.Services))
        {
            if (IsPublic(route) || IsSelfService(endpoint)) continue;
            var url = Fill(route);
            if (IsOwnSecurity(endpoint))
            {
                // A host manages their own sign-in security; the page never shows or changes anyone else's.
                if (method == "GET" && handler is null && (int)(await client.GetAsync(url)).StatusCode != 200) problems.Add($"GET {url}: a host cannot open their own security page");
                continue;
            }
            var response = await SendAsync(client, method, url, handler, endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null, antiforgery);
            checkedCount++;
            // Refused by authorization itself (403, or the access-denied page), before any handler could answer 404.
            var location = response.Headers.Location?.ToString() ?? "";
            if (!((int)response.StatusCode == 403 || location.Contains("/error/403", StringComparison.Ordinal) || RefusedByScimScheme(url, response)))
                problems.Add($"{method} {url}{(handler is null ? "" : " handler=" + handler)} → {(int)response.StatusCode} {response.Headers.Location}");
        }
        Assert.True(checkedCount > 50, $"Only {checkedCount} calls were checked.");
        Assert.True(problems.Count == 0, "Reachable by a host:\n" + string.Join("\n", problems));
        // Signing in lands a host on self-service, not on the admin dashboard.
        var fresh = _app.CreateBrowserLikeClient();
        var signIn = await fresh.SignInAsync(RolesWorld.Host, RolesWorld.Password);
        Assert.Equal("/mi-cuenta", signIn.Headers.Location?.ToString());
    }

    [Fact]
    public async Task APortalAdminOfA_IsRefusedOnEveryResourceOfB_AndNeverSeesBsData()
    {
        var world = await RolesWorld.CreateAsync(_app);
        var client = await world.SignedInAsync(_app, RolesWorld.AdminA);
        var antiforgery = await client.AntiforgeryTokenAsync("/cuentas/nueva");
        var problems = new List<string>();
        var named = 0;
        foreach (var (method, route, handler, endpoint) in await CallsAsync(_app.Services))
        {
            if (IsPublic(route) || IsSelfService(endpoint) || IsOwnSecurity(endpoint)) continue;
            var url = FillWithPortalB(route, world, out var namesAResource);
            if (url is null) { problems.Add($"{method} {route}: the test does not know which of portal B's resources to put in this route"); continue; }
            // Query parameters that pick a portal point at B too (lists filtered by portal, the classroom pages' portal picker).
            url += $"?portal={world.PortalB}&portalId={world.PortalB}";
            var response = await SendAsync(client, method, url, handler, endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null, antiforgery);
            var body = await response.Content.ReadAsStringAsync();
            var call = $"{method} {url}{(handler is null ? "" : " handler=" + handler)} → {(int)response.StatusCode}";
            if (RolesWorld.MarkersOfB.FirstOrDefault(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)) is { } marker)
                problems.Add($"{call}: the response shows portal B's «{marker}»");
            if (namesAResource)
            {
                named++;
                if (!Refused(response) && !RefusedByScimScheme(url, response)) problems.Add($"{call} {response.Headers.Location}: not refused");
            }
            else if ((int)response.StatusCode >= 500) problems.Add($"{call}: server error");
        }
        Assert.True(named > 20, $"Only {named} calls named a resource of portal B.");
        Assert.True(problems.Count == 0, "Portal A's admin reaches portal B:\n" + string.Join("\n", problems));
    }

    /// <summary>The route with its parameters set to portal B's resources; null for a parameter the test does not know.</summary>
    private static string? FillWithPortalB(string route, RolesWorld w, out bool namesAResource)
    {
        var names = false;
        var unknown = false;
        var url = Parameter().Replace(route, m =>
        {
            var name = m.Groups[1].Value;
            var before = route[..m.Index].TrimEnd('/');
            var segment = before[(before.LastIndexOf('/') + 1)..];
            string? value = (name, segment) switch
            {
                ("jobId", _) => w.ImportB.ToString(),
                ("id", "cuentas" or "accounts") => w.AccountB.ToString(),
                ("id", "portales" or "portals") => w.PortalB.ToString(),
                ("id", "classrooms" or "aulas") => w.ClassroomB.ToString(),
                ("id", "trabajos" or "jobs") => w.JobB.ToString(),
                ("id", "administradores") => w.AdminBId,
                ("id", "Users") => w.AccountB.ToString(),                  // /scim/v2/Users/{id}: portal B's account
                ("id", "ResourceTypes" or "Schemas") => "User",            // SCIM discovery (refused by the SCIM scheme)
                ("token", _) or ("code", _) or ("documentName", _) => null, // public routes (skipped before)
                _ => null,
            };
            if (value is null) { unknown = true; return m.Value; }
            names = true;
            return value;
        });
        namesAResource = names;
        return unknown ? null : url;
    }
}
