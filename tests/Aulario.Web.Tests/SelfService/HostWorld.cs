using Aulario.Core.Accounts;
using Aulario.Persistence;
using Aulario.Web.Tests.Accounts;
using Aulario.ZoomSandbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.SelfService;

/// <summary>A host in demo mode: a Zoom user in the in-process sandbox, its Aulario account, and a signed-in AppUser (role Host) owning it.</summary>
internal sealed record HostWorld(HttpClient Client, SandboxUser ZoomUser, Account Account, string Email)
{
    public const string Password = "clave-de-anfitrion-2026";

    public static async Task<HostWorld> CreateAsync(AularioWebFactory app, string local = "docente")
    {
        var email = $"{local}@{AccountsTestSupport.Managed}";
        var zoomUser = app.Sandbox().Add(email, "Docente", "De Prueba", 2, "active", DateTimeOffset.UtcNow.AddDays(-400));
        var account = new Account { Email = email, FirstName = "Docente", LastName = "De Prueba", ZoomUserId = zoomUser.Id, Status = AccountStatus.Active, CreatedAt = DateTimeOffset.UtcNow };
        account.RefreshSearchKey();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(AularioRoles.Host)) Assert.True((await roles.CreateAsync(new IdentityRole(AularioRoles.Host))).Succeeded);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Docente De Prueba", AccountId = account.Id };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            Assert.True((await users.AddToRoleAsync(user, AularioRoles.Host)).Succeeded);
        }
        var client = app.CreateBrowserLikeClient();
        var signIn = await client.SignInAsync(email, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        return new HostWorld(client, zoomUser, account, email);
    }

    public SandboxMeeting AddMeeting(AularioWebFactory app, DateTimeOffset start, string topic, int participants = 3, params SandboxRecordingFile[] files) =>
        AddMeetingFor(app, ZoomUser, start, topic, participants, files);

    public static SandboxMeeting AddMeetingFor(AularioWebFactory app, SandboxUser host, DateTimeOffset start, string topic, int participants = 3,
        params SandboxRecordingFile[] files)
    {
        var meeting = new SandboxMeeting(86_000_000_000 + Random.Shared.Next(100_000_000), Convert.ToBase64String(Guid.NewGuid().ToByteArray()), host.Id, topic,
            start, 75, Enumerable.Range(1, participants).Select(p => new SandboxParticipant($"p{p}", $"Estudiante {topic} {p}", $"e{p}@alumnos.test.edu.ar",
                start.AddMinutes(p), start.AddMinutes(70))).ToList(), files);
        var state = app.Sandbox();
        lock (state.Meetings) state.Meetings.Add(meeting);
        return meeting;
    }
}
