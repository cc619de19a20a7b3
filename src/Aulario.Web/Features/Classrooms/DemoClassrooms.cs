using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Core.Portals;
using Aulario.Core.Secrets;
using Aulario.Core.Siu;
using Aulario.Siu.Sqlite;
using Aulario.Web.Features.Demo;
using Aulario.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Classrooms;

/// <summary>
/// Demo mode: a demo SIU (SQLite, SIU's names) in the data folder, the portal "ISSP" pointing to it, and three of its virtual spaces
/// (ZOOM01..ZOOM03) linked to the sandbox classrooms aula101..aula103, so the first run shows the whole procedure.
/// Idempotent: nothing is created twice; on every start the linked accounts are refreshed from the (new) sandbox and the SIU links follow.
/// </summary>
public sealed partial class DemoClassrooms(
    IServiceScopeFactory scopes, IOptions<AularioOptions> options, IConfiguration configuration, IHostEnvironment env, ILogger<DemoClassrooms> log) : IHostedService
{
    public const string PortalCode = "ISSP";
    public const string SiuFileName = "siu-demo.db";
    private static readonly Actor DemoActor = new("demo");

    /// <summary>(space code, classroom account local part).</summary>
    public static readonly IReadOnlyList<(string Code, string Local)> Links = [("ZOOM01", "aula101"), ("ZOOM02", "aula102"), ("ZOOM03", "aula103")];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        // Demo:SeedClassrooms (default true) lets test hosts that count accounts or audit rows start from an empty demo.
        if (!sp.IsDemo() || !configuration.GetValue("Demo:SeedClassrooms", true)) return;
        var zoom = sp.GetRequiredService<IConferencingProvider>();
        var users = new Dictionary<string, ProviderUser>(StringComparer.Ordinal);
        foreach (var (code, local) in Links)
        {
            var user = await zoom.GetUserAsync($"{local}@{DemoSandbox.ManagedDomain}", cancellationToken);
            if (!user.IsSuccess) { LogSkipped(user.Errors[0].Message); return; }
            users[code] = user.Value;
        }

        var siuPath = Path.Combine(options.Value.ResolveDataDirectory(env.ContentRootPath), SiuFileName);
        await DemoSiu.EnsureCreatedAsync(siuPath,
            Links.Select(l => new DemoSiuLink(l.Code, users[l.Code].PersonalMeetingUrl ?? "", $"Zoom {l.Code[4..]} - {users[l.Code].Email}")).ToList(),
            cancellationToken);

        var db = sp.GetRequiredService<IAularioDb>();
        var portals = sp.GetRequiredService<PortalCommands>();
        var portal = await db.Portals.FirstOrDefaultAsync(p => p.Code == PortalCode, cancellationToken);
        if (portal is null)
        {
            var saved = await portals.SaveAsync(null, new PortalInput(PortalCode, "Instituto Superior (demostración)", DemoSiu.ConnectionString(siuPath),
                SiuProvider.Sqlite, "negocio", "sga_espacios", "espacio", "link_clase_virtual", "nombre", "codigo", "aulario"),
                DemoActor, AdminScope.Institution, cancellationToken);
            if (!saved.IsSuccess) { LogSkipped(saved.Errors[0].Message); return; }
            portal = saved.Value;
        }
        await LinkClassroomsAsync(sp, portal, users, cancellationToken);
    }

    private async Task LinkClassroomsAsync(IServiceProvider sp, Portal portal, Dictionary<string, ProviderUser> users, CancellationToken ct)
    {
        var db = sp.GetRequiredService<IAularioDb>();
        var zoom = sp.GetRequiredService<IConferencingProvider>();
        var siu = sp.GetRequiredService<ISiuDirectory>();
        var secrets = sp.GetRequiredService<ISecretProtector>();
        var audit = sp.GetRequiredService<IAuditLog>();
        var time = sp.GetRequiredService<TimeProvider>();
        if (sp.GetRequiredService<PortalCommands>().TargetOf(portal) is not { } target) return;
        var now = time.GetUtcNow();
        foreach (var (code, _) in Links)
        {
            var user = users[code];
            var space = DemoSiu.Spaces.First(s => s.Code == code);
            var account = await db.Accounts.FirstOrDefaultAsync(a => a.Email == user.Email, ct);
            if (account is null)
            {
                account = new Account { Email = user.Email, IsClassroom = true, PortalId = portal.Id, CreatedAt = now };
                db.Accounts.Add(account);
                audit.Record(DemoActor, "account.imported", $"account:{user.Email}", portalId: portal.Id);
            }
            // The in-process sandbox starts afresh on every run: its ids and links are new, so Aulario follows them.
            AccountSync.Apply(account, user, now);
            var settings = await zoom.GetPasscodeSettingsAsync(user.Id, ct);
            var classroom = await db.Classrooms.FirstOrDefaultAsync(c => c.PortalId == portal.Id && c.SiuSpaceId == space.Id, ct);
            if (classroom is null)
            {
                classroom = new Classroom { PortalId = portal.Id, SiuSpaceId = space.Id, AccountId = account.Id, CreatedAt = now, State = ClassroomState.Ready };
                db.Classrooms.Add(classroom);
                audit.Record(DemoActor, "classroom.linked", $"classroom:{portal.Code}/{space.Id}", after: new { user.Email }, portalId: portal.Id);
            }
            if (classroom.AccountId == account.Id && classroom.State != ClassroomState.InProgress)
            {
                if (settings.IsSuccess && settings.Value.PmiPasscode is { } passcode)
                {
                    classroom.PasscodeProtected = secrets.Protect(passcode);
                    classroom.PasscodeChangedAt ??= now;
                }
                var current = await siu.GetSpaceAsync(target with { AuditUser = "aulario:demo" }, space.Id, ct);
                if (current.IsSuccess && user.PersonalMeetingUrl is { } link)
                {
                    var updated = await siu.UpdateSpaceAsync(target with { AuditUser = "aulario:demo" },
                        new SiuSpaceUpdate(space.Id, link, current.Value.Name, current.Value.Code), ct);
                    if (updated.IsSuccess) { classroom.SiuName = updated.Value.After.Name; classroom.SiuCode = updated.Value.After.Code; classroom.SiuLink = updated.Value.After.Link; }
                }
                classroom.UpdatedAt = now;
            }
        }
        await db.SaveChangesAsync(ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modo demo: no se pudieron preparar las aulas de demostración: {Reason}")]
    private partial void LogSkipped(string reason);
}
