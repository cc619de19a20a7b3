using System.Net;
using System.Text;
using Aulario.Core.Audit;
using Aulario.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests;

/// <summary>/auditoria/exportar: streamed CSV, UTF-8 with BOM, formula cells neutralised, the page's filters applied.</summary>
public sealed class AuditExportTests
{
    private const string Email = "admin@inst.edu.ar";
    private const string Password = "clave-de-prueba-larga-2026";

    [Fact]
    public async Task Export_IsUtf8BomCsv_WithFormulaCellsNeutralised_AndFiltered()
    {
        await using var app = new AularioWebFactory();
        await app.CreateAdminAsync(Email, Password);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IAuditLog>().Record(new Actor("=HYPERLINK(\"http://x\")"), "account.created", "account:aula528@inst.edu.ar",
                after: new { Nombre = "Aula 528 — Álgebra", Password = "no-debe-salir" });
            scope.ServiceProvider.GetRequiredService<IAuditLog>().Record(new Actor("system"), "portal.created", "portal:ISSP");
            await scope.ServiceProvider.GetRequiredService<AularioDbContext>().SaveChangesAsync();
        }
        var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(Email, Password);

        var response = await client.GetAsync("/auditoria/exportar?accion=account&objetivo=aula528");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // header + the one "account" entry
        Assert.StartsWith("Fecha y hora,Usuario,", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("Aula 528 — Álgebra", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("no-debe-salir", text, StringComparison.Ordinal);
        Assert.DoesNotContain("portal:ISSP", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Anonymous_RedirectsToSignIn()
    {
        await using var app = new AularioWebFactory();
        var response = await app.CreateBrowserLikeClient().GetAsync("/auditoria/exportar");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/ingresar", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
