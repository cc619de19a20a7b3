using Aulario.Web.Infrastructure;
using Aulario.Core.Common;
using Aulario.Core.Portals;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Portals;

/// <summary>/portales: the portals (academic units with their own SIU database).</summary>
public sealed class PortalsIndexModel(PortalCommands portals) : PageModel
{
    public IReadOnlyList<Portal> Portals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Portals = await portals.ListAsync(CurrentUser.Of(User).Scope, ct);
}
