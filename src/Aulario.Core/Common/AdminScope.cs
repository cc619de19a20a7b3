namespace Aulario.Core.Common;

/// <summary>What an admin may see: every portal (institution admin) or only some (portal admin).
/// Accounts without a portal belong to the institution and are visible to institution admins only.</summary>
public sealed record AdminScope(bool AllPortals, IReadOnlySet<Guid> PortalIds)
{
    public static readonly AdminScope Institution = new(true, new HashSet<Guid>());
    public static AdminScope Portals(params Guid[] ids) => new(false, ids.ToHashSet());
    public bool Allows(Guid? portalId) => AllPortals || (portalId is { } id && PortalIds.Contains(id));
}

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int PageCount => PageSize == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}
