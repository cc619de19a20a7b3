using System.Net.Http.Json;
using System.Text;
using Aulario.Web.Features.Accounts;
using Aulario.Web.Features.Demo;
using Aulario.ZoomSandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Accounts;

/// <summary>An app in demo mode (Zoom sandbox in-process) with a signed-in admin, for the account tests.</summary>
internal static class AccountsTestSupport
{
    public const string AdminEmail = "admin@inst.edu.ar";
    public const string AdminPassword = "clave-de-prueba-larga-2026";
    public const string Managed = "aulas.demo.edu.ar";

    public static async Task<HttpClient> SignedInAsync(this AularioWebFactory app)
    {
        await app.CreateAdminAsync(AdminEmail, AdminPassword);
        var client = app.CreateBrowserLikeClient();
        var response = await client.SignInAsync(AdminEmail, AdminPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static SandboxState Sandbox(this AularioWebFactory app) => app.Services.GetRequiredService<DemoSandbox>().Server!.State;

    public static async Task<CreatedAccountResponse> CreateAsync(this HttpClient client, string email, string first = "Ana", string last = "Pérez", string license = "licensed")
    {
        var response = await client.PostAsJsonAsync("/api/v1/accounts", new { email, firstName = first, lastName = last, licenseType = license });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CreatedAccountResponse>())!;
    }

    public static async Task<AccountListResponse> ListAsync(this HttpClient client, string query = "estado=todas")
    {
        var response = await client.GetAsync("/api/v1/accounts?" + query);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AccountListResponse>())!;
    }

    /// <summary>RFC 4180 reader for what the export writes (quoted cells, doubled quotes, CRLF).</summary>
    public static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; i++;
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add(row); }
        return rows;
    }
}
