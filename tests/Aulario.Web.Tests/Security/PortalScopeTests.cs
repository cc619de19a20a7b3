using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aulario.Core.Jobs;
using Aulario.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Security;

/// <summary>What a portal admin creates belongs to their portal; they cannot create in, or link, another portal's things.</summary>
public sealed class PortalScopeTests : IAsyncLifetime
{
    private readonly AularioWebFactory _app = new();
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task APortalAdminsNewAccountsAndImports_LandInTheirPortal_AndOtherPortalsAreRefused()
    {
        var world = await RolesWorld.CreateAsync(_app);
        var client = await world.SignedInAsync(_app, RolesWorld.AdminA);

        var created = await client.PostAsJsonAsync("/api/v1/accounts", new { email = "nueva.alfa@aulas.demo.edu.ar", firstName = "Nora", lastName = "Alfa" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var intoB = await client.PostAsJsonAsync("/api/v1/accounts", new { email = "otra@aulas.demo.edu.ar", firstName = "O", lastName = "B", portalId = world.PortalB });
        Assert.Equal(HttpStatusCode.Forbidden, intoB.StatusCode);
        var inviteB = await client.PostAsJsonAsync("/api/v1/accounts/invitations", new { email = "inv@aulas.demo.edu.ar", portalId = world.PortalB });
        Assert.Equal(HttpStatusCode.Forbidden, inviteB.StatusCode);
        var pasteB = await client.PostAsJsonAsync("/api/v1/accounts/batch", new { text = "p@aulas.demo.edu.ar", portalId = world.PortalB });
        Assert.Equal(HttpStatusCode.Forbidden, pasteB.StatusCode);

        using var csv = new StringContent("email\nimportada.alfa@aulas.demo.edu.ar\n", System.Text.Encoding.UTF8, "text/csv");
        var dryRun = await client.PostAsync("/api/v1/accounts/import", csv);
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        var jobId = JsonDocument.Parse(await dryRun.Content.ReadAsStringAsync()).RootElement.GetProperty("jobId").GetGuid();

        // Linking portal B's account to a classroom of portal A is refused before anything is described.
        var preview = await client.PostAsJsonAsync("/api/v1/classrooms/preview", new { portalId = world.PortalA, spaceId = 1, accountEmail = "cuenta.bravo@inst.edu.ar" });
        Assert.Equal(HttpStatusCode.Conflict, preview.StatusCode);
        Assert.Contains("classroom.account-out-of-scope", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
        Assert.Equal(world.PortalA, (await db.Accounts.SingleAsync(a => a.Email == "nueva.alfa@aulas.demo.edu.ar")).PortalId);
        Assert.False(await db.Accounts.AnyAsync(a => a.Email == "otra@aulas.demo.edu.ar"));
        Assert.Equal(world.PortalA, (await db.Jobs.SingleAsync(j => j.Id == jobId)).PortalId);
        Assert.Equal(JobStatus.Paused, (await db.Jobs.SingleAsync(j => j.Id == jobId)).Status);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "account.created" && a.Target == "account:nueva.alfa@aulas.demo.edu.ar" && a.PortalId == world.PortalA && a.Actor == RolesWorld.AdminA));
    }

    [Fact]
    public async Task APortalAdminOfSeveralPortals_MustPickOne_AndTokensListOnlyTheirOwn()
    {
        var world = await RolesWorld.CreateAsync(_app);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var id = (await db.Users.SingleAsync(u => u.Email == RolesWorld.AdminA)).Id;
            db.AdminPortals.Add(new AdminPortal { UserId = id, PortalId = world.PortalB });
            await db.SaveChangesAsync();
        }
        var client = await world.SignedInAsync(_app, RolesWorld.AdminA);
        var noPortal = await client.PostAsJsonAsync("/api/v1/accounts", new { email = "sin.portal@aulas.demo.edu.ar", firstName = "S", lastName = "P" });
        Assert.Equal(HttpStatusCode.BadRequest, noPortal.StatusCode);
        Assert.Contains("portal.required", await noPortal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await client.GetStringAsync("/cuentas/nueva");
        Assert.Contains("PORTALBRAVO", page, StringComparison.Ordinal); // the select offers both of their portals
        Assert.DoesNotContain("Institución (sin portal)", page, StringComparison.Ordinal);

        // Tokens: portal admins see theirs only (B's admin has one; this admin, though now also of portal B, does not see it).
        var tokens = await client.GetStringAsync("/tokens");
        Assert.DoesNotContain("Token de Portal Bravo", tokens, StringComparison.Ordinal);
    }
}
