using Aulario.Core.Common;
using Aulario.Core.Portals;

namespace Aulario.Web.Features.Portals;

/// <summary>The "Portal" select of forms that create something (accounts, invitations, imports): the admin's portals, and for
/// institution admins also "the institution (no portal)". Hidden when a portal admin has one portal (Core picks it).</summary>
public sealed record PortalChoice(string Name, string Id, Guid? Selected, IReadOnlyList<Portal> Portals, bool AllowNone)
{
    public bool Shown => AllowNone ? Portals.Count > 0 : Portals.Count > 1;

    public static async Task<PortalChoice> ForAsync(PortalCommands portals, AdminScope scope, string name, string id, Guid? selected, CancellationToken ct) =>
        new(name, id, selected, await portals.ListAsync(scope, ct), scope.AllPortals);
}
