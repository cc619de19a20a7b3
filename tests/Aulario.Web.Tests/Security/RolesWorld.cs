using Aulario.Core.Accounts;
using Aulario.Core.ApiTokens;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Import;
using Aulario.Core.Jobs;
using Aulario.Core.Portals;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Security;

/// <summary>Two portals (A and B), each with an account, a classroom, a classroom job, a draft import and audit rows; an
/// institution admin, a portal admin of each portal and a host (the owner of portal A's account), all with passwords.
/// Portal B's things carry marker texts, so a response that shows any of them is caught.</summary>
public sealed class RolesWorld
{
    public const string Password = "una-clave-larga-de-prueba";
    public const string InstitutionAdmin = "inst.admin@inst.edu.ar";
    public const string AdminA = "admin.a@inst.edu.ar";
    public const string AdminB = "admin.b@inst.edu.ar";
    public const string Host = "duena.a@inst.edu.ar";

    public Guid PortalA { get; private set; }
    public Guid PortalB { get; private set; }
    public Guid AccountA { get; private set; }
    public Guid AccountB { get; private set; }
    public Guid ClassroomB { get; private set; }
    public Guid JobB { get; private set; }
    public Guid ImportB { get; private set; }
    public string AdminBId { get; private set; } = "";

    /// <summary>Texts that only portal B's data contains.</summary>
    public static readonly string[] MarkersOfB = ["PORTALBRAVO", "Portal Bravo", "cuenta.bravo@inst.edu.ar", "Aula Bravo 101", "BRAVO-101"];

    public static async Task<RolesWorld> CreateAsync(AularioWebFactory app)
    {
        var w = new RolesWorld();
        await app.CreateAdminAsync(InstitutionAdmin, Password);
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AularioDbContext>();
        var audit = sp.GetRequiredService<IAuditLog>();
        var time = sp.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var system = new Actor("prueba");

        var a = new Portal { Code = "PORTALALFA", Name = "Portal Alfa", CreatedAt = now };
        var b = new Portal { Code = "PORTALBRAVO", Name = "Portal Bravo", CreatedAt = now };
        db.Portals.AddRange(a, b);
        var accountA = new Account { Email = "duena.a@inst.edu.ar", FirstName = "Ana", LastName = "Alfa", PortalId = a.Id, Status = AccountStatus.Active, CreatedAt = now };
        var accountB = new Account { Email = "cuenta.bravo@inst.edu.ar", FirstName = "Beto", LastName = "Bravo", PortalId = b.Id, Status = AccountStatus.Active, CreatedAt = now };
        accountA.RefreshSearchKey();
        accountB.RefreshSearchKey();
        db.Accounts.AddRange(accountA, accountB);
        var classroomB = new Classroom { PortalId = b.Id, SiuSpaceId = 101, SiuName = "Aula Bravo 101", SiuCode = "BRAVO-101", AccountId = accountB.Id, CreatedAt = now };
        db.Classrooms.Add(classroomB);
        audit.Record(system, "account.created", "account:cuenta.bravo@inst.edu.ar", after: new { Portal = "Portal Bravo" }, portalId: b.Id);
        audit.Record(system, "account.created", "account:duena.a@inst.edu.ar", portalId: a.Id);
        var jobB = JobEngine.Add(db, audit, time, ClassroomJobHandler.PasscodeKind, system, b.Id, null, [("classroom:bravo", null)]);
        jobB.Status = JobStatus.Failed; // finished: the worker leaves it alone
        var importB = JobEngine.Add(db, audit, time, AccountImport.Kind, system, b.Id, null, [("email:nueva.bravo@inst.edu.ar", null)]);
        importB.Status = JobStatus.Paused;
        await db.SaveChangesAsync();
        (w.PortalA, w.PortalB, w.AccountA, w.AccountB, w.ClassroomB, w.JobB, w.ImportB) = (a.Id, b.Id, accountA.Id, accountB.Id, classroomB.Id, jobB.Id, importB.Id);

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in new[] { AularioRoles.PortalAdmin, AularioRoles.Host })
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        async Task<AppUser> User(string email, string role, Guid? portal = null, Guid? account = null)
        {
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, AccountId = account };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            if (portal is { } p) { db.AdminPortals.Add(new AdminPortal { UserId = user.Id, PortalId = p }); await db.SaveChangesAsync(); }
            return user;
        }
        await User(AdminA, AularioRoles.PortalAdmin, a.Id);
        w.AdminBId = (await User(AdminB, AularioRoles.PortalAdmin, b.Id)).Id;
        await User(Host, AularioRoles.Host, account: accountA.Id);
        // Portal B's admin has an API token: portal A's admin must not see it on /tokens.
        var tokens = sp.GetRequiredService<ApiTokenCommands>();
        Assert.True((await tokens.CreateAsync("Token de Portal Bravo", new Actor(AdminB))).IsSuccess);
        return w;
    }

    public async Task<HttpClient> SignedInAsync(AularioWebFactory app, string email)
    {
        var client = app.CreateBrowserLikeClient();
        var response = await client.SignInAsync(email, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
