using Aulario.Core.Portals;

namespace Aulario.Web.Features.Admins;

/// <summary>The role radio buttons and the portal checkboxes, shared by "add" and "change".</summary>
public sealed record AdminRoleFields(string Prefix, string? Role, IReadOnlyCollection<Guid> PortalIds, IReadOnlyList<Portal> Portals);
