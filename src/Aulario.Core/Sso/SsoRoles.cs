namespace Aulario.Core.Sso;

/// <summary>The roles one sign-in grants: Host always (a person signing in owns their account), admin roles only when a
/// mapping names one of the person's claim values explicitly.</summary>
public sealed record SsoGrant(bool InstitutionAdmin, IReadOnlySet<string> PortalCodes, bool HostMapped = false)
{
    /// <summary>Host when no admin role matched (the default) or when a mapping names Host explicitly.</summary>
    public bool Host => HostMapped || !IsAdmin;
    public bool PortalAdmin => !InstitutionAdmin && PortalCodes.Count > 0;
    public bool IsAdmin => InstitutionAdmin || PortalAdmin;
}

public static class SsoRoles
{
    /// <summary>Applies <see cref="SsoOptions.RoleMappings"/> to the values of the role claim (several mappings add up;
    /// an institution admin needs no portals). Values that match no mapping grant nothing beyond Host.</summary>
    public static SsoGrant Map(SsoOptions options, IEnumerable<string> claimValues)
    {
        var values = claimValues.Select(v => v.Trim()).Where(v => v.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var institution = false;
        var host = false;
        var portals = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in options.RoleMappings.Where(m => values.Contains(m.Value.Trim())))
        {
            if (mapping.Role == SsoRole.InstitutionAdmin) institution = true;
            else if (mapping.Role == SsoRole.Host) host = true;
            else if (mapping.Role == SsoRole.PortalAdmin)
                foreach (var code in mapping.Portals.Where(p => !string.IsNullOrWhiteSpace(p))) portals.Add(code.Trim());
        }
        return new SsoGrant(institution, institution ? new SortedSet<string>() : portals, host);
    }
}
