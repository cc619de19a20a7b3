using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Persistence;
using Aulario.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Reconcile;

/// <summary>Reconciliation against the demo sandbox: drift found by kind, safe fixes applied, a second run clean for them.</summary>
public sealed class ReconcileTests : IAsyncLifetime
{
    private const string Admin = "admin@inst.edu.ar";
    private const string Password = "una-clave-larga-de-prueba";
    private readonly AularioWebFactory _app = new(new() { ["Reconcile:LicensePool"] = "50", ["Reconcile:Every"] = "00:00:00" });
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _app.CreateAdminAsync(Admin, Password);
        _client = _app.CreateBrowserLikeClient();
        await _client.SignInAsync(Admin, Password);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> RunAsync()
    {
        var response = await _client.PostAsync("/api/v1/reconcile", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static List<JsonElement> Items(JsonElement report, string kind) =>
        report.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == kind).ToList();

    [Fact]
    public async Task Reconcile_FindsDriftAndTheSafeFixesRemoveIt()
    {
        var sandbox = _app.Services.GetRequiredService<DemoSandbox>().Server!;
        var teacher = sandbox.State.Find($"mgarcia@{DemoSandbox.ManagedDomain}") ?? sandbox.State.Users.First(u => u.Status == "active");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var ghost = new Account { Email = "fantasma@otra.edu.ar", ZoomUserId = "no-existe", Status = AccountStatus.Active };
            var stale = new Account { Email = teacher.Email, ZoomUserId = teacher.Id, Status = AccountStatus.Pending };
            ghost.RefreshSearchKey(); stale.RefreshSearchKey();
            db.Accounts.AddRange(ghost, stale);
            await db.SaveChangesAsync();
        }

        var report = await RunAsync();
        var missing = Assert.Single(Items(report, "MissingInZoom"));
        Assert.Equal("fantasma@otra.edu.ar", missing.GetProperty("target").GetString());
        var status = Assert.Single(Items(report, "StatusDiffers"));
        Assert.Equal(teacher.Email, status.GetProperty("target").GetString());
        var unknown = Items(report, "UnknownInAulario");
        Assert.NotEmpty(unknown);
        Assert.Equal(50, report.GetProperty("summary").GetProperty("licensePool").GetInt32());
        Assert.True(report.GetProperty("summary").GetProperty("licensedInUse").GetInt32() > 0);

        foreach (var item in new[] { missing, status, unknown[0] })
        {
            var fix = await _client.PostAsJsonAsync("/api/v1/reconcile/fix", new
            {
                kind = item.GetProperty("kind").GetString(),
                accountId = item.TryGetProperty("accountId", out var a) && a.ValueKind == JsonValueKind.String ? a.GetGuid() : (Guid?)null,
                zoomUserId = item.TryGetProperty("zoomUserId", out var z) && z.ValueKind == JsonValueKind.String ? z.GetString() : null,
            });
            Assert.Equal(HttpStatusCode.OK, fix.StatusCode);
        }

        var again = await RunAsync();
        Assert.Empty(Items(again, "MissingInZoom"));
        Assert.Empty(Items(again, "StatusDiffers"));
        Assert.Equal(unknown.Count - 1, Items(again, "UnknownInAulario").Count);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            Assert.Equal(AccountStatus.Finalized, (await db.Accounts.SingleAsync(x => x.Email == "fantasma@otra.edu.ar")).Status);
            Assert.Equal(AccountStatus.Active, (await db.Accounts.SingleAsync(x => x.Email == teacher.Email)).Status);
            Assert.Equal(2, await db.ReconcileRuns.CountAsync());
            Assert.Contains(await db.AuditEntries.Select(e => e.Action).ToListAsync(), x => x == "reconcile.imported");
        }

        var page = await _client.GetAsync("/conciliacion");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Conciliación y salud", html);
        Assert.Contains("<polyline", html);
    }

    [Fact]
    public async Task Fix_WithoutASafeFix_IsAClearValidationError()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/reconcile/fix", new { kind = "LinkDiffers" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("arreglo automático", await response.Content.ReadAsStringAsync());
        var bad = await _client.PostAsync("/api/v1/reconcile/fix", new StringContent("{\"kind\":\"NoSuchKind\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

public sealed class ApiBadInputTests : IAsyncLifetime
{
    private readonly AularioWebFactory _app = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _app.CreateAdminAsync("admin@inst.edu.ar", "una-clave-larga-de-prueba");
        _client = _app.CreateBrowserLikeClient();
        await _client.SignInAsync("admin@inst.edu.ar", "una-clave-larga-de-prueba");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("{\"accountId\":\"no-es-un-guid\"}")]
    public async Task MalformedJson_IsAProblemDetails400(string body)
    {
        var response = await _client.PostAsync("/api/v1/reconcile/fix", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
