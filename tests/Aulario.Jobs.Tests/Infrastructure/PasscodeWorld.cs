using System.Globalization;
using Aulario.Core;
using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Core.Portals;
using Aulario.Core.Secrets;
using Aulario.Core.Siu;
using Aulario.Persistence;
using Aulario.Siu;
using Aulario.Siu.Sqlite;
using Aulario.Testing;
using Aulario.Zoom;
using Aulario.ZoomSandbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Aulario.Jobs.Tests.Infrastructure;

/// <summary>
/// A Zoom sandbox and an Aulario database sharing one <see cref="FakeTimeProvider"/>, a portal on a demo SQLite SIU, and
/// up to 8 active classroom accounts (the demo SIU's virtual spaces) whose SIU links embed an old passcode.
/// App instances are separate service providers on the same database, each with its own Zoom client.
/// </summary>
public sealed class PasscodeWorld : IAsyncDisposable
{
    private const string Secret = "jobs-tests-secret-51d2";
    private const string Domain = "aulas.jobs.test.edu.ar";

    private readonly string _siuDirectory;

    private PasscodeWorld(ZoomSandboxServer sandbox, TestDatabase db, string siuDirectory, Guid portalId)
    {
        Sandbox = sandbox;
        Database = db;
        _siuDirectory = siuDirectory;
        PortalId = portalId;
    }

    public ZoomSandboxServer Sandbox { get; }
    public TestDatabase Database { get; }
    public FakeTimeProvider Time => Database.Time;
    public Guid PortalId { get; }
    public List<(string ZoomUserId, Guid ClassroomId)> Classrooms { get; } = [];

    public static async Task<PasscodeWorld> CreateAsync(DatabaseProvider engine, int classrooms)
    {
        if (classrooms is < 1 or > 8) throw new ArgumentOutOfRangeException(nameof(classrooms), "The demo SIU has 8 virtual spaces.");
        var db = await TestDatabase.CreateAsync(engine);
        var sandbox = await ZoomSandboxServer.StartAsync(new ZoomSandboxOptions
        {
            ClientSecret = Secret, ManagedDomains = [Domain], LightPerSecond = 1_000, MediumPerSecond = 1_000, HeavyPerSecond = 1_000,
        }, time: db.Time);
        var siuDirectory = Path.Combine(Path.GetTempPath(), "aulario-jobs-tests", Guid.NewGuid().ToString("N"));
        var siuPath = Path.Combine(siuDirectory, "siu.db");
        var now = db.Time.GetUtcNow();
        var virtualSpaces = DemoSiu.Spaces.Where(s => s.Virtual).Take(classrooms).ToList();
        var users = virtualSpaces.Select((s, i) => sandbox.State.Add($"aula{i + 1}@{Domain}", "Aula", s.Code, 2, "active", now)).ToList();
        await DemoSiu.EnsureCreatedAsync(siuPath, virtualSpaces.Select((s, i) => new DemoSiuLink(s.Code, OldLink(sandbox, users[i].Pmi))).ToList());

        var portal = new Portal
        {
            Code = "JOBS", Name = "Portal de prueba", CreatedAt = now, SiuProvider = SiuProvider.Sqlite,
            SiuConnectionProtected = db.Services.GetRequiredService<ISecretProtector>().Protect(DemoSiu.ConnectionString(siuPath)),
        };
        var world = new PasscodeWorld(sandbox, db, siuDirectory, portal.Id);
        await using var context = db.NewContext(out var scope);
        await using (scope)
        {
            context.Portals.Add(portal);
            for (var i = 0; i < users.Count; i++)
            {
                var u = users[i];
                var account = new Account
                {
                    Email = u.Email, FirstName = u.FirstName, LastName = u.LastName, ZoomUserId = u.Id, Status = AccountStatus.Active,
                    IsClassroom = true, PortalId = portal.Id, Pmi = u.Pmi, PersonalMeetingUrl = OldLink(sandbox, u.Pmi), CreatedAt = now,
                };
                account.RefreshSearchKey();
                var classroom = new Classroom
                {
                    PortalId = portal.Id, AccountId = account.Id, SiuSpaceId = virtualSpaces[i].Id, SiuName = virtualSpaces[i].Name,
                    SiuCode = virtualSpaces[i].Code, SiuLink = OldLink(sandbox, u.Pmi), CreatedAt = now, UpdatedAt = now,
                };
                context.Accounts.Add(account);
                context.Classrooms.Add(classroom);
                world.Classrooms.Add((u.Id, classroom.Id));
            }
            await context.SaveChangesAsync();
        }
        return world;
    }

    private static string OldLink(ZoomSandboxServer sandbox, long pmi) =>
        new Uri(sandbox.BaseUrl, "j/" + pmi.ToString(CultureInfo.InvariantCulture)) + "?pwd=anterior";

    /// <summary>A new app instance on the world's database and clock; <paramref name="zoomPipeline"/> is added to its Zoom client's handlers.</summary>
    public ServiceProvider NewInstance(Func<DelegatingHandler>? zoomPipeline = null) =>
        Database.CreateInstance(Time, (services, _) =>
        {
            services.AddAularioCore();
            services.AddSiuDirectory();
            services.AddZoomClient(o =>
            {
                o.ApiBaseUrl = Sandbox.ApiBaseUrl;
                o.TokenUrl = Sandbox.TokenUrl;
                o.AccountId = "sandbox-account";
                o.ClientId = "sandbox-client";
                o.ClientSecret = Secret;
                o.ManagedDomains = [Domain];
                o.Plan = ZoomPlan.Business;
                o.RateLimits.Light = o.RateLimits.Medium = 1_000;
            });
            if (zoomPipeline is not null) services.AddHttpClient("Aulario.Zoom.Api").AddHttpMessageHandler(zoomPipeline);
            services.AddOptions<JobsOptions>().Configure(o => o.MaxParallelItems = 4);
        });

    /// <summary>Starts a rotation of every classroom (generated passcodes) as the institution admin "ana".</summary>
    public async Task<Guid> StartRotationAsync(IServiceProvider instance)
    {
        await using var scope = instance.CreateAsyncScope();
        var started = await scope.ServiceProvider.GetRequiredService<ClassroomCommands>()
            .StartPasscodeChangeAsync(PortalId, null, null, new Actor("ana"), AdminScope.Institution);
        Assert.True(started.IsSuccess, started.IsSuccess ? "" : started.Errors[0].Message);
        return started.Value.Id;
    }

    /// <summary>Zoom's passcode of every classroom equals the one Aulario stored, and the SIU link was rewritten.</summary>
    public async Task AssertRotatedAsync()
    {
        await using var context = Database.NewContext(out var scope);
        await using (scope)
        {
            var secrets = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
            foreach (var (zoomId, classroomId) in Classrooms)
            {
                var c = context.Classrooms.Single(x => x.Id == classroomId);
                var user = Sandbox.State.Find(zoomId)!;
                Assert.NotNull(user.PmiPassword);
                Assert.Equal(user.PmiPassword, secrets.Unprotect(c.PasscodeProtected!));
                Assert.Equal(ClassroomState.Ready, c.State);
                Assert.DoesNotContain("pwd=anterior", c.SiuLink, StringComparison.Ordinal);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        await Database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_siuDirectory, recursive: true); } catch (IOException) { }
    }
}
