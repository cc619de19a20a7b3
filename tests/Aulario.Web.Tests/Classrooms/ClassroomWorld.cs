using System.Net;
using System.Net.Http.Json;
using Aulario.Testing;
using Aulario.Web.Features.Classrooms;
using Aulario.Web.Features.Jobs;
using Aulario.Web.Features.Portals;
using Aulario.ZoomSandbox;
using Npgsql;

namespace Aulario.Web.Tests.Classrooms;

/// <summary>
/// One test's world: a Zoom sandbox on its own loopback port (it outlives app hosts, like the real Zoom), a LATIN1 PostgreSQL SIU
/// loaded with siu-test-schema.sql, and a data folder that successive app hosts share (crash and resume).
/// </summary>
public sealed class ClassroomWorld : IAsyncDisposable
{
    public const string AdminEmail = "admin@inst.edu.ar";
    public const string AdminPassword = "clave-de-prueba-larga-2026";
    public const string ManagedDomain = "aulas.inst.edu.ar";
    public const string SiuAuditUser = "aulario:" + AdminEmail;

    private bool _adminCreated;

    private ClassroomWorld(ZoomSandboxServer sandbox, string siu, string secret)
    {
        Sandbox = sandbox;
        SiuConnectionString = siu;
        Secret = secret;
    }

    public ZoomSandboxServer Sandbox { get; }
    public string SiuConnectionString { get; }
    private string Secret { get; }
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "aulario-classroom-tests", Guid.NewGuid().ToString("N"));

    public static async Task<ClassroomWorld> CreateAsync()
    {
        var secret = "secreto-" + Guid.NewGuid().ToString("N");
        var sandbox = await ZoomSandboxServer.StartAsync(new ZoomSandboxOptions
        {
            AccountId = "cuenta-aulas", ClientId = "cliente-aulas", ClientSecret = secret, ManagedDomains = [ManagedDomain],
        });
        var siu = await TestPostgres.CreateDatabaseAsync("siu_web", latin1: true);
        var schema = await File.ReadAllTextAsync(Path.Combine(TestPostgres.FindRepoRoot(), "tests", "Aulario.Web.Tests", "Classrooms", "Sql", "siu-test-schema.sql"));
        await ExecuteAsync(siu, schema);
        return new ClassroomWorld(sandbox, siu, secret);
    }

    /// <summary>A new app host on the shared data folder, talking to this world's sandbox, with short job intervals.</summary>
    public AularioWebFactory StartApp() => new(new Dictionary<string, string?>
    {
        ["Aulario:DataDirectory"] = DataDirectory,
        ["Zoom:ApiBaseUrl"] = Sandbox.ApiBaseUrl,
        ["Zoom:TokenUrl"] = Sandbox.TokenUrl,
        ["Zoom:AccountId"] = "cuenta-aulas",
        ["Zoom:ClientId"] = "cliente-aulas",
        ["Zoom:ClientSecret"] = Secret,
        ["Zoom:ManagedDomains:0"] = ManagedDomain,
        ["Jobs:PollInterval"] = "00:00:00.050",
        ["Jobs:ActivationPollInterval"] = "00:00:00.200",
        ["Jobs:MaxAttempts"] = "1",
        ["Jobs:Lease"] = "00:00:05",
    });

    public async Task<HttpClient> SignedInAsync(AularioWebFactory app)
    {
        if (!_adminCreated) { await app.CreateAdminAsync(AdminEmail, AdminPassword); _adminCreated = true; }
        var client = app.CreateBrowserLikeClient();
        var response = await client.SignInAsync(AdminEmail, AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<PortalResponse> CreatePortalAsync(HttpClient client, string? connection = null, string linkColumn = "link_clase_virtual")
    {
        var response = await client.PostAsJsonAsync("/api/v1/portals", new
        {
            code = "ISSP", name = "Instituto Superior", siuConnectionString = connection ?? SiuConnectionString, siuProvider = "postgresql",
            siuLinkColumn = linkColumn, siuAuditUser = "aulario",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PortalResponse>())!;
    }

    public static async Task<Guid> StartAssignAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/classrooms", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JobStartedResponse>())!.JobId;
    }

    /// <summary>Polls the job until <paramref name="done"/> holds (the worker runs in the background); fails after a generous deadline.</summary>
    public static async Task<JobResponse> WaitForJobAsync(HttpClient client, Guid jobId, Func<JobResponse, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        JobResponse? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetFromJsonAsync<JobResponse>($"/api/v1/jobs/{jobId}");
            if (done(last!)) return last!;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"Job {jobId} did not reach the expected state; last: {System.Text.Json.JsonSerializer.Serialize(last)}");
    }

    public static Task<JobResponse> WaitFinishedAsync(HttpClient client, Guid jobId) => WaitForJobAsync(client, jobId, j => j.Finished);

    public static async Task<ClassroomResponse> ClassroomAsync(HttpClient client, Guid portalId, int space)
    {
        var rows = await client.GetFromJsonAsync<List<ClassroomResponse>>($"/api/v1/portals/{portalId}/classrooms");
        return rows!.Single(r => r.SpaceId == space);
    }

    /// <summary>"Activar su cuenta de Zoom" from the sandbox mailbox, the way the operator does it (seed steps 5–8).</summary>
    public async Task ActivateFromMailboxAsync(string email)
    {
        var mail = Sandbox.State.Mailbox.Last(m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase) && m.ActivationUrl is not null);
        using var http = new HttpClient();
        var response = await http.PostAsync(mail.ActivationUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["first_name"] = "Aula", ["last_name"] = "Virtual", ["password"] = "Clave-Aula-2026", ["confirm_password"] = "Clave-Aula-2026",
        }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(string Nombre, string? Codigo, string? Link)> RowAsync(int espacio)
    {
        await using var conn = new NpgsqlConnection(SiuConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT nombre, codigo, link_clase_virtual FROM negocio.sga_espacios WHERE espacio = @e", conn);
        cmd.Parameters.AddWithValue("e", espacio);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
    }

    public async Task<List<string>> AuditUpdatesAsync(int espacio)
    {
        await using var conn = new NpgsqlConnection(SiuConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT auditoria_usuario FROM negocio_auditoria.logs_sga_espacios WHERE espacio = @e AND auditoria_operacion = 'U' ORDER BY auditoria_fecha", conn);
        cmd.Parameters.AddWithValue("e", espacio);
        var users = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) users.Add(r.GetString(0));
        return users;
    }

    public Task ExecuteSiuAsync(string sql) => ExecuteAsync(SiuConnectionString, sql);

    private static async Task ExecuteAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
