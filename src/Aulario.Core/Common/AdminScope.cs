namespace Aulario.Core.Common;

/// <summary>What an admin may see: every portal (institution admin) or only some (portal admin).
/// Accounts without a portal belong to the institution and are visible to institution admins only.</summary>
public sealed record AdminScope(bool AllPortals, IReadOnlySet<Guid> PortalIds)
{
    public static readonly AdminScope Institution = new(true, new HashSet<Guid>());
    public static AdminScope Portals(params Guid[] ids) => new(false, ids.ToHashSet());
    public bool Allows(Guid? portalId) => AllPortals || (portalId is { } id && PortalIds.Contains(id));

    /// <summary>The portal something new belongs to: the one asked for, or else a portal admin's only portal
    /// (a portal admin of several portals must pick one; an institution admin may leave it empty: the institution's).</summary>
    public Guid? PortalFor(Guid? requested) => requested ?? (!AllPortals && PortalIds.Count == 1 ? PortalIds.First() : null);

    /// <summary>Null when <paramref name="portalId"/> (already passed through <see cref="PortalFor"/>) is within the scope;
    /// otherwise "pick a portal" (none given) or "not yours".</summary>
    public Error? CheckNew(Guid? portalId) =>
        Allows(portalId) ? null
        : portalId is null ? Error.Validation("portal.required", "Elegí el portal al que pertenece.", "portalId")
        : Error.Forbidden("portal.forbidden", "Ese portal no está a tu alcance.");
}

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int PageCount => PageSize == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}
