using Aulario.Testing;
using Aulario.Web.Features.Setup;
using Aulario.ZoomSandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aulario.Browser.Tests.Classrooms;

/// <summary>The real app on a Kestrel loopback port, talking to a Zoom sandbox on its own port and a LATIN1 PostgreSQL SIU (siu-test-schema.sql).</summary>
public sealed class ClassroomsLiveApp : WebApplicationFactory<Aulario.Web.SharedResource>
{
    public const string AdminEmail = "admin@inst.edu.ar";
    public const string AdminPassword = "una-frase-larga-de-prueba-2026";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aulario-browser-classrooms", Guid.NewGuid().ToString("N"));

    private ClassroomsLiveApp(ZoomSandboxServer sandbox, string siu)
    {
        Sandbox = sandbox;
        SiuConnectionString = siu;
        UseKestrel(0);
    }

    public ZoomSandboxServer Sandbox { get; }
    public string SiuConnectionString { get; }

    public static async Task<ClassroomsLiveApp> StartAsync()
    {
        var secret = "secreto-" + Guid.NewGuid().ToString("N");
        var siu = await TestPostgres.CreateDatabaseAsync("siu_browser", latin1: true);
        await using (var conn = new NpgsqlConnection(siu))
        {
            await conn.OpenAsync();
            var schema = await File.ReadAllTextAsync(Path.Combine(TestPostgres.FindRepoRoot(), "tests", "Aulario.Web.Tests", "Classrooms", "Sql", "siu-test-schema.sql"));
            await using var cmd = new NpgsqlCommand(schema, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var sandbox = await ZoomSandboxServer.StartAsync(new ZoomSandboxOptions
        {
            AccountId = "cuenta-aulas", ClientId = "cliente-aulas", ClientSecret = secret, ManagedDomains = ["aulas.inst.edu.ar"],
        });
        var app = new ClassroomsLiveApp(sandbox, siu);
        app.SecretForZoom = secret;
        app.StartServer();
        await using var scope = app.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<CreateFirstAdmin>()
            .ExecuteAsync(new FirstAdminInput(AdminEmail, "Ana Administradora", AdminPassword), CancellationToken.None);
        if (!admin.IsSuccess) throw new InvalidOperationException(admin.Errors[0].Message);
        return app;
    }

    private string SecretForZoom { get; set; } = "";

    public Uri BaseUrl
    {
        get
        {
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Aulario:DataDirectory", _dataDirectory);
        builder.UseSetting("Zoom:ApiBaseUrl", Sandbox.ApiBaseUrl);
        builder.UseSetting("Zoom:TokenUrl", Sandbox.TokenUrl);
        builder.UseSetting("Zoom:AccountId", "cuenta-aulas");
        builder.UseSetting("Zoom:ClientId", "cliente-aulas");
        builder.UseSetting("Zoom:ClientSecret", SecretForZoom);
        builder.UseSetting("Zoom:ManagedDomains:0", "aulas.inst.edu.ar");
        builder.UseSetting("Jobs:PollInterval", "00:00:00.050");
        builder.UseSetting("Jobs:ActivationPollInterval", "00:00:00.200");
        builder.UseSetting("Jobs:MaxAttempts", "1");
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

    public async Task<string> LastAuditUserAsync(int espacio)
    {
        await using var conn = new NpgsqlConnection(SiuConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT auditoria_usuario FROM negocio_auditoria.logs_sga_espacios WHERE espacio = @e AND auditoria_operacion = 'U' ORDER BY auditoria_fecha DESC LIMIT 1", conn);
        cmd.Parameters.AddWithValue("e", espacio);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
