using Aulario.Core.Common;
using Aulario.Core.Portals;

namespace Aulario.Web.Features.Classrooms;

/// <summary>The portal a classroom page works on: the one asked for, or the only one there is.</summary>
public static class PortalPicker
{
    public static async Task<(Portal? Portal, IReadOnlyList<Portal> All)> PickAsync(PortalCommands portals, AdminScope scope, Guid? requested, CancellationToken ct)
    {
        var all = await portals.ListAsync(scope, ct);
        var portal = requested is { } id ? all.FirstOrDefault(p => p.Id == id) : all.Count == 1 ? all[0] : null;
        return (portal, all);
    }
}
