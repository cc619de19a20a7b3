using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Core.Jobs;
using Aulario.Persistence;
using Aulario.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Import;

/// <summary>CSV import through the API against the demo sandbox: dry run changes nothing, apply creates the valid rows in Zoom and Aulario.</summary>
public sealed class AccountImportTests : IAsyncLifetime
{
    private const string Admin = "admin@inst.edu.ar";
    private const string Password = "una-clave-larga-de-prueba";
    private readonly AularioWebFactory _app = new(new() { ["Jobs:PollInterval"] = "00:00:00.100" });
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _app.CreateAdminAsync(Admin, Password);
        _client = _app.CreateBrowserLikeClient();
        var signIn = await _client.SignInAsync(Admin, Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> DryRunAsync(byte[] csv)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "cuentas.csv");
        return await _client.PostAsync("/api/v1/accounts/import", content);
    }

    private async Task<int> CountAsync(Func<AularioDbContext, Task<int>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AularioDbContext>());
    }

    [Fact]
    public async Task DryRunReportsEveryRow_ThenApplyCreatesOnlyTheValidOnes()
    {
        var d = DemoSandbox.ManagedDomain;
        var csv = Encoding.UTF8.GetBytes(
            "\uFEFFemail;nombre;apellido;licencia;aula\r\n" +
            $"nueva1@{d};Ana;Pérez;Con licencia;sí\r\n" +
            "no-es-un-correo;Beto;Gómez;;\r\n" +
            $"nueva2@otra.edu.ar;Carla;Díaz;Básica;no\r\n" +
            $"nueva1@{d};Ana;Otra vez;;\r\n" +
            $"nueva3@{d};<script>;x;;\r\n" +
            $"nueva4@{d};Dora;Luna;Premium;\r\n");
        var response = await DryRunAsync(csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, report.GetProperty("valid").GetInt32());
        Assert.Equal(4, report.GetProperty("invalid").GetInt32());
        var messages = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("line").GetInt32(), r => r.GetProperty("message").GetString());
        Assert.Contains("no es un correo", messages[3]);
        Assert.Contains("fila 2", messages[5]);
        Assert.Contains("<", messages[6]);
        Assert.Contains("Premium", messages[7]);
        Assert.Equal(0, await CountAsync(db => db.Accounts.CountAsync(a => a.Email.StartsWith("nueva"))));

        var jobId = report.GetProperty("jobId").GetGuid();
        var apply = await _client.PostAsync($"/api/v1/accounts/import/{jobId}/apply", null);
        Assert.Equal(HttpStatusCode.Accepted, apply.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _client.PostAsync($"/api/v1/accounts/import/{jobId}/apply", null)).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        JobStatus status;
        do
        {
            await Task.Delay(200);
            await using var scope = _app.Services.CreateAsyncScope();
            status = (await scope.ServiceProvider.GetRequiredService<AularioDbContext>().Jobs.SingleAsync(j => j.Id == jobId)).Status;
        } while (status is not (JobStatus.Succeeded or JobStatus.Failed) && DateTime.UtcNow < deadline);
        Assert.Equal(JobStatus.Succeeded, status);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var created = await db.Accounts.Where(a => a.Email.StartsWith("nueva")).OrderBy(a => a.Email).ToListAsync();
            Assert.Equal([$"nueva1@{d}", "nueva2@otra.edu.ar"], created.Select(a => a.Email));
            Assert.Equal(AccountStatus.Active, created[0].Status);   // managed domain: autoCreate
            Assert.True(created[0].IsClassroom);
            Assert.Equal(AccountStatus.Pending, created[1].Status);  // other domain: create, pending activation
            Assert.Equal(LicenseType.Basic, created[1].LicenseType);
        }
        var sandbox = _app.Services.GetRequiredService<DemoSandbox>().Server!;
        Assert.NotNull(sandbox.State.Find($"nueva1@{d}"));
        Assert.NotNull(sandbox.State.Find("nueva2@otra.edu.ar"));
    }

    [Theory]
    [InlineData("email;apellido\nx@inst.edu.ar;P\u00e9rez", "import.not-utf8", true)]
    [InlineData("nombre;apellido\nAna;Pérez", "import.missing-email", false)]
    [InlineData("email;telefono\nx@inst.edu.ar;123", "import.unknown-column", false)]
    public async Task BadFiles_GetAClearMessageAndChangeNothing(string text, string code, bool asWindows1252)
    {
        var bytes = asWindows1252 ? text.Select(c => (byte)c).ToArray() : Encoding.UTF8.GetBytes(text);
        var response = await DryRunAsync(bytes);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(0, await CountAsync(db => db.Jobs.CountAsync(j => j.Kind == "accounts.import")));
    }

    [Fact]
    public async Task FiftyThousandRows_AreCheckedInOneDryRun()
    {
        var sb = new StringBuilder("email,nombre,apellido\n");
        for (var i = 0; i < 50_000; i++) sb.Append("masiva").Append(i).Append("@otra.edu.ar,Nombre,Apellido\n");
        var response = await DryRunAsync(Encoding.UTF8.GetBytes(sb.ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(50_000, report.GetProperty("valid").GetInt32());
        Assert.Equal(0, await CountAsync(db => db.Accounts.CountAsync(a => a.Email.StartsWith("masiva"))));
        sb.Append("una-mas@otra.edu.ar,X,Y\n");
        var tooMany = await DryRunAsync(Encoding.UTF8.GetBytes(sb.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }
}
