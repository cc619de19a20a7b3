using Aulario.Web.Infrastructure;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Persistence;
using Aulario.Persistence.Audit;
using Aulario.Web.Features.Audit;
using Aulario.Web.Features.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Dashboard;

/// <summary>The admin's landing page: a short summary, the latest audit entries and the demo notice.</summary>
public sealed class IndexModel(UserManager<AppUser> users, AuditQuery audit, TimeProvider time, IServiceProvider services) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public int AdminCount { get; private set; }
    public int AuditToday { get; private set; }
    public IReadOnlyList<AuditEntry> Recent { get; private set; } = [];
    public Uri? DemoMailbox { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        DisplayName = user?.DisplayName ?? user?.Email ?? User.Identity?.Name ?? "";
        AdminCount = (await users.GetUsersInRoleAsync(AularioRoles.InstitutionAdmin)).Count;
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(AuditFilterInput.ArgentinaOffset).DateTime);
        var todayFilter = new AuditFilterInput { From = today, To = today }.ToFilter();
        AuditToday = (await audit.ListAsync(todayFilter, CurrentUser.Of(User).Scope, 1, 1, ct)).TotalCount;
        Recent = (await audit.ListAsync(new AuditFilter(), CurrentUser.Of(User).Scope, 1, 8, ct)).Items;
        DemoMailbox = services.GetService<DemoSandbox>()?.MailboxUrl;
    }
}
