using System.Net.Http.Json;
using Aulario.Web.Features.Classrooms;
using Aulario.Web.Features.Portals;
using Aulario.Web.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Classrooms;

/// <summary>Demo mode: the demo SIU, the portal ISSP and three spaces linked to the sandbox classrooms, created once and kept in step across restarts.</summary>
public sealed class DemoClassroomsTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "aulario-demo-classrooms", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task DemoMode_CreatesPortalAndLinkedClassrooms_IdempotentAcrossRestarts()
    {
        for (var run = 0; run < 2; run++)
        {
            await using var app = new AularioWebFactory(new Dictionary<string, string?> { ["Aulario:DataDirectory"] = _data, ["Demo:SeedClassrooms"] = "true" });
            var client = run == 0 ? await app.SignedInAsync() : await SignInAgainAsync(app);
            var portals = await client.GetFromJsonAsync<List<PortalResponse>>("/api/v1/portals");
            var portal = Assert.Single(portals!);
            Assert.Equal(("ISSP", "sqlite"), (portal.Code, portal.SiuProvider));
            var classrooms = await client.GetFromJsonAsync<List<ClassroomResponse>>($"/api/v1/portals/{portal.Id}/classrooms");
            Assert.Equal(["aula101@aulas.demo.edu.ar", "aula102@aulas.demo.edu.ar", "aula103@aulas.demo.edu.ar"], classrooms!.Select(c => c.AccountEmail!).Order());
            var sandbox = app.Sandbox();
            foreach (var c in classrooms!)
            {
                var user = sandbox.Find(c.AccountEmail!)!;
                Assert.StartsWith(app.Services.GetRequiredService<Aulario.Web.Features.Demo.DemoSandbox>().BaseUrl + "j/" + user.Pmi.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Link, StringComparison.Ordinal);
                Assert.Equal(("ready", true), (c.State, c.HasPasscode));
            }
            var spaces = await client.GetFromJsonAsync<List<SpaceResponse>>($"/api/v1/portals/{portal.Id}/spaces?q=Zoom%2001");
            Assert.Equal(classrooms.Single(c => c.SpaceId == spaces![0].Id).Link, spaces![0].Link);
        }
    }

    private static async Task<HttpClient> SignInAgainAsync(AularioWebFactory app)
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.SignInAsync(AccountsTestSupport.AdminEmail, AccountsTestSupport.AdminPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
