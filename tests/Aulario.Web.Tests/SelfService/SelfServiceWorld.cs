using System.Net;
using System.Net.Http.Json;
using Aulario.Persistence;
using Aulario.Testing;
using Aulario.Web.Features.Accounts;
using Aulario.Web.Tests.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.SelfService;

/// <summary>An app in demo mode (Zoom sandbox in-process) on the given engine, with a signed-in institution admin and helpers to
/// create accounts through the API, host users (Host role + AccountId) through UserManager, and to start "Iniciar sesión como".</summary>
internal sealed class SelfServiceWorld : IAsyncDisposable
{
    public const string Managed = AccountsTestSupport.Managed;

    private SelfServiceWorld(AularioWebFactory app, HttpClient admin) { App = app; Admin = admin; }

    public AularioWebFactory App { get; }
    /// <summary>The institution admin's browser-like client (cookies, no auto-redirect).</summary>
    public HttpClient Admin { get; }

    public static async Task<SelfServiceWorld> CreateAsync(DatabaseProvider engine = DatabaseProvider.Sqlite, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []);
        if (engine == DatabaseProvider.PostgreSql)
        {
            all["Database:Provider"] = "PostgreSql";
            all["Database:MigrateOnStart"] = "true";
            all["ConnectionStrings:Aulario"] = await TestPostgres.CreateDatabaseAsync("aulario");
        }
        var app = new AularioWebFactory(all);
        var admin = await app.SignedInAsync();
        return new SelfServiceWorld(app, admin);
    }

    /// <summary>An active, licensed account (managed domain: Zoom creates it active).</summary>
    public async Task<CreatedAccountResponse> ActiveAsync(string local, string license = "licensed") =>
        await Admin.CreateAsync($"{local}@{Managed}", "Ana", local, license);

    public async Task<CreatedAccountResponse> PendingAsync(string local) => await Admin.CreateAsync($"{local}@otra.edu.ar", "Pía", local);

    public async Task<CreatedAccountResponse> FinalizedAsync(string local)
    {
        var created = await ActiveAsync(local);
        var response = await Admin.PostAsync($"/api/v1/accounts/{created.Account.Id}/finalize", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return created;
    }

    /// <summary>A person who signs in to Aulario as the owner of <paramref name="accountId"/> (the Host role).</summary>
    public async Task<AppUser> HostUserAsync(string email, Guid accountId, string password = "clave-de-host-larga-2026", string role = AularioRoles.Host)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role)) Assert.True((await roles.CreateAsync(new IdentityRole(role))).Succeeded);
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, AccountId = accountId };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    public async Task<HttpClient> SignedInAsync(string email, string password = "clave-de-host-larga-2026")
    {
        var client = App.CreateBrowserLikeClient();
        var response = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Presses "Iniciar sesión como" on /cuentas/{id} with the given client; returns the response (a redirect on success).</summary>
    public static async Task<HttpResponseMessage> ImpersonateAsync(HttpClient client, Guid accountId)
    {
        var token = await client.AntiforgeryTokenAsync($"/cuentas/{accountId}");
        return await client.PostFormAsync($"/cuentas/{accountId}?handler=Impersonate", token);
    }

    /// <summary>Presses the banner's "Terminar".</summary>
    public static async Task<HttpResponseMessage> EndAsync(HttpClient client)
    {
        var token = await client.AntiforgeryTokenAsync("/mi-cuenta");
        return await client.PostFormAsync("/mi-cuenta/terminar", token);
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task<List<DelegateOutcomeResponse>> AddDelegatesAsync(Guid hostId, params string[] emails)
    {
        var response = await Admin.PostAsJsonAsync($"/api/v1/accounts/{hostId}/delegates", new { emails });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<List<DelegateOutcomeResponse>>())!;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
