using System.Collections.Concurrent;
using System.Globalization;
using Aulario.Core;
using Aulario.Core.Accounts;
using Aulario.Core.Classrooms;
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

namespace Aulario.Bench;

/// <summary>Knobs of the rotation benchmark (command line: rotation --classrooms N --faults P --parallel N --kill-at F --lease S).</summary>
internal sealed class RotationSettings
{
    public int Classrooms { get; set; } = 1_000;
    /// <summary>Share of /v2 calls answered with an injected fault: half 429 QPS, half 500/503.</summary>
    public double FaultProbability { get; set; } = 0.05;
    /// <summary>0 = the engine's default (JobsOptions.MaxParallelItems).</summary>
    public int MaxParallelItems { get; set; }
    public double KillAt { get; set; } = 0.4;
    /// <summary>
    /// Jobs:Lease of every instance and worker process: 5 s (renewed every 1.7 s; an UPDATE of one row) rather than the engine's 30 s
    /// default, as a bulk Zoom job of a minute or less should not sit long on a lease another host's crash left behind. The
    /// killed-and-restarted run does not wait for it: the restarted process is on the same machine and sees that the lease's
    /// owner process is gone, so it takes the job over at once (ADR 0007). A host on another machine would wait for it.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// One run's world: a Zoom sandbox at Business-plan limits with injected faults, an Aulario SQLite database with a portal,
/// N active classroom accounts and their classrooms, and a demo SQLite SIU whose N virtual spaces hold the current links.
/// </summary>
internal sealed class RotationWorld : IAsyncDisposable
{
    private const string Secret = "bench-secret-4c9e";
    private const string Domain = "aulas.bench.edu.ar";

    private RotationWorld(ZoomSandboxServer sandbox, TestDatabase db, string siuPath, Guid portalId)
    {
        Sandbox = sandbox;
        Database = db;
        SiuPath = siuPath;
        PortalId = portalId;
    }

    public ZoomSandboxServer Sandbox { get; }
    public TestDatabase Database { get; }
    public string SiuPath { get; }
    public Guid PortalId { get; }
    /// <summary>Zoom user id → classroom id.</summary>
    public Dictionary<string, Guid> ClassroomByZoomUser { get; } = new(StringComparer.Ordinal);

    public static async Task<RotationWorld> CreateAsync(RotationSettings settings)
    {
        var sandbox = await ZoomSandboxServer.StartAsync(new ZoomSandboxOptions
        {
            ClientSecret = Secret, ManagedDomains = [Domain], LightPerSecond = 80, MediumPerSecond = 60, HeavyPerSecond = 40,
        });
        var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TimeProvider.System);
        var siuPath = Path.Combine(Path.GetTempPath(), "aulario-bench", Guid.NewGuid().ToString("N"), "siu.db");
        await DemoSiu.EnsureCreatedAsync(siuPath, []);

        var now = TimeProvider.System.GetUtcNow();
        var portal = new Portal
        {
            Code = "BENCH", Name = "Portal de prueba de carga", CreatedAt = now, SiuProvider = SiuProvider.Sqlite,
            SiuConnectionProtected = db.Services.GetRequiredService<ISecretProtector>().Protect(DemoSiu.ConnectionString(siuPath)),
        };
        var world = new RotationWorld(sandbox, db, siuPath, portal.Id);
        var users = Enumerable.Range(1, settings.Classrooms)
            .Select(i => sandbox.State.Add($"aula{i:D5}@{Domain}", "Aula", i.ToString(CultureInfo.InvariantCulture), 2, "active", now))
            .ToList();

        // SIU: one virtual space per classroom, holding the link the classroom has today (with an old pwd=).
        await using (var siu = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = siuPath, Pooling = false }.ToString()))
        {
            await siu.OpenAsync();
            await using var tx = siu.BeginTransaction();
            for (var i = 0; i < users.Count; i++)
            {
                await using var insert = new SqliteCommand(
                    "INSERT INTO sga_espacios (espacio, nombre, codigo, edificacion, capacidad, link_clase_virtual) VALUES (@id, @name, @code, 1, 300, @link)", siu, tx);
                insert.Parameters.AddWithValue("id", SpaceId(i));
                insert.Parameters.AddWithValue("name", $"Aula virtual {i + 1:D5}");
                insert.Parameters.AddWithValue("code", $"AV{i + 1:D5}");
                insert.Parameters.AddWithValue("link", OldLink(sandbox, users[i].Pmi));
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }

        const int batch = 250;
        for (var offset = 0; offset < users.Count; offset += batch)
        {
            await using var scope = db.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            if (offset == 0) context.Portals.Add(portal);
            for (var i = offset; i < Math.Min(users.Count, offset + batch); i++)
            {
                var u = users[i];
                var account = new Account
                {
                    Email = u.Email, FirstName = u.FirstName, LastName = u.LastName, ZoomUserId = u.Id, Status = AccountStatus.Active,
                    LicenseType = LicenseType.Licensed, IsClassroom = true, PortalId = portal.Id, Pmi = u.Pmi,
                    PersonalMeetingUrl = OldLink(sandbox, u.Pmi), CreatedAt = now,
                };
                account.RefreshSearchKey();
                var classroom = new Classroom
                {
                    PortalId = portal.Id, AccountId = account.Id, SiuSpaceId = SpaceId(i), SiuName = $"Aula virtual {i + 1:D5}",
                    SiuCode = $"AV{i + 1:D5}", SiuLink = OldLink(sandbox, u.Pmi), State = ClassroomState.Ready, CreatedAt = now, UpdatedAt = now,
                };
                context.Accounts.Add(account);
                context.Classrooms.Add(classroom);
                world.ClassroomByZoomUser[u.Id] = classroom.Id;
            }
            await context.SaveChangesAsync();
        }
        return world;
    }

    private static int SpaceId(int index) => 1_000 + index;

    private static string OldLink(ZoomSandboxServer sandbox, long pmi) =>
        new Uri(sandbox.BaseUrl, "j/" + pmi.ToString(CultureInfo.InvariantCulture)) + "?pwd=anterior";

    /// <summary>
    /// A new app instance (its own service provider: DbContexts, Zoom client with its limiters, job engine) on the world's
    /// database, with pooled connections as the server has them (without pooling every query opened the file and every close of
    /// the last connection checkpointed the write-ahead log: the bench measured that instead of the rotation).
    /// </summary>
    public ServiceProvider NewInstance(RotationSettings settings, ZoomResponseCounter counter) =>
        Database.CreateInstance(TimeProvider.System, (services, _) => ConfigureInstance(services, settings, Sandbox.ApiBaseUrl, Sandbox.TokenUrl, counter),
            Database.ServerConnectionString);

    /// <summary>
    /// What an app instance of the benchmark registers on top of persistence and Data Protection: Core, the SIU directory,
    /// a Zoom client at Business-plan limits against the sandbox, <paramref name="counter"/> on its pipeline, and the
    /// settings' job options. Shared by the in-process instance and the worker process (<see cref="RotationWorker"/>).
    /// </summary>
    public static void ConfigureInstance(IServiceCollection services, RotationSettings settings, string apiBaseUrl, string tokenUrl, ZoomResponseCounter counter)
    {
        services.AddAularioCore();
        services.AddSiuDirectory();
        services.AddZoomClient(o =>
        {
            o.ApiBaseUrl = apiBaseUrl;
            o.TokenUrl = tokenUrl;
            o.AccountId = "sandbox-account";
            o.ClientId = "sandbox-client";
            o.ClientSecret = Secret;
            o.ManagedDomains = [Domain];
            o.Plan = ZoomPlan.Business;
        });
        // One counter instance per pipeline: the handler is built once (infinite lifetime), so it is never re-wrapped.
        services.AddHttpClient("Aulario.Zoom.Api").AddHttpMessageHandler(() => counter).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddOptions<JobsOptions>().Configure(o =>
        {
            if (settings.MaxParallelItems > 0) o.MaxParallelItems = settings.MaxParallelItems;
            o.Lease = settings.Lease;
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        await Database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path.GetDirectoryName(SiuPath)!, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Counts the Zoom client's responses per rate-limit label (from X-RateLimit-Category), by outcome.</summary>
internal sealed class ZoomResponseCounter : DelegatingHandler
{
    private int _sent;
    private int _answered;

    public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);
    public DateTimeOffset? FirstResponseAt { get; private set; }
    /// <summary>Raised once, as the first request leaves.</summary>
    public event Action<DateTimeOffset>? FirstRequest;
    /// <summary>Raised once, on the first answer.</summary>
    public event Action<DateTimeOffset>? FirstResponse;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _sent, 1) == 0) FirstRequest?.Invoke(TimeProvider.System.GetUtcNow());
        var response = await base.SendAsync(request, ct);
        if (Interlocked.Exchange(ref _answered, 1) == 0)
        {
            FirstResponseAt = TimeProvider.System.GetUtcNow();
            FirstResponse?.Invoke(FirstResponseAt.Value);
        }
        var label = response.Headers.TryGetValues("X-RateLimit-Category", out var v) ? v.First() : "none";
        // A real (not injected) QPS 429 carries X-RateLimit-Limit: the sandbox's limiter set it.
        var outcome = (int)response.StatusCode switch
        {
            >= 200 and < 300 => "ok",
            429 when response.Headers.Contains("X-RateLimit-Limit") => "429-limit",
            429 => "429-injected",
            >= 500 => "5xx",
            _ => "other",
        };
        Counts.AddOrUpdate($"{label}:{outcome}", 1, (_, n) => n + 1);
        return response;
    }

    public int Get(string label, string outcome) => Counts.TryGetValue($"{label}:{outcome}", out var n) ? n : 0;
}
