namespace Aulario.Core.Accounts;

/// <summary>How accounts are created in the conferencing provider. Bound from the "Zoom" section (Zoom:ManagedDomains).</summary>
public sealed class ProvisioningOptions
{
    /// <summary>Domains the Zoom account manages: users there are created with autoCreate (active at once, generated password).</summary>
    public List<string> ManagedDomains { get; set; } = [];
    /// <summary>Zoom:SsoCreate: the Zoom account signs people in by SSO, so people provisioned for SSO (SCIM) are created with
    /// ssoCreate (active at once, no password). Off by default: they follow the managed-domain rule like everyone else.</summary>
    public bool SsoCreate { get; set; }
    /// <summary>How long an emailed sign-up invitation stays valid.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
    /// <summary>How long an emailed password-reset link stays valid.</summary>
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Most rows one pasted list may hold; larger lists go through CSV import.</summary>
    public int MaxPastedRows { get; set; } = 1000;

    public bool IsManaged(string email)
    {
        var domain = AccountRules.Domain(AccountRules.NormalizeEmail(email));
        return ManagedDomains.Any(d => string.Equals(d.Trim().TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase));
    }
}
