using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Aulario.Core.Sso;

/// <summary>What the first SSO sign-in does in Zoom.</summary>
public enum SsoZoomProvisioning
{
    /// <summary>No Zoom user is created: an existing account with the person's email is linked, otherwise the person has none.</summary>
    None,
    /// <summary>Zoom's <c>ssoCreate</c>: active at once, no password, signs in to Zoom through SSO (the Zoom account needs SSO).</summary>
    SsoCreate,
    /// <summary>Zoom's <c>create</c>: pending until the person accepts Zoom's activation email.</summary>
    Create,
}

/// <summary>The Aulario role a claim value maps to.</summary>
public enum SsoRole { Host, PortalAdmin, InstitutionAdmin }

/// <summary>One role mapping: people whose <see cref="SsoOptions.RoleClaim"/> contains <see cref="Value"/> get <see cref="Role"/>.</summary>
public sealed class SsoRoleMapping
{
    /// <summary>The claim value, e.g. a group name ("zoom-admins"); compared case-insensitively.</summary>
    public string Value { get; set; } = "";
    public SsoRole Role { get; set; } = SsoRole.Host;
    /// <summary>For <see cref="SsoRole.PortalAdmin"/>: the codes of the portals administered (e.g. "ISSP").</summary>
    public List<string> Portals { get; set; } = [];
}

/// <summary>
/// Section "Sso": OpenID Connect sign-in with automatic provisioning. Off while <see cref="Authority"/> is empty.
/// The client secret comes from configuration or user secrets (Sso__ClientSecret) and is never logged.
/// </summary>
public sealed class SsoOptions : IValidatableObject
{
    public const string Section = "Sso";

    /// <summary>The identity provider's issuer URL (its /.well-known/openid-configuration is read from there). Empty = SSO off.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Scopes asked for besides "openid"; empty = "profile email". (A list default would be appended to by binding.)</summary>
    public List<string> Scopes { get; set; } = [];

    public IReadOnlyList<string> EffectiveScopes =>
        Scopes.Count == 0 ? ["profile", "email"] : Scopes.Select(s => s.Trim()).Where(s => s.Length > 0 && s != "openid").Distinct().ToList();
    /// <summary>The provider's name on the sign-in button: "Ingresar con {DisplayName}".</summary>
    public string DisplayName { get; set; } = "la cuenta institucional";
    /// <summary>The claim that identifies a person for ever (never reassigned): "sub" by default, e.g. "oid" for Entra ID.</summary>
    public string IdentifierClaim { get; set; } = "sub";
    public string EmailClaim { get; set; } = "email";
    public string GivenNameClaim { get; set; } = "given_name";
    public string FamilyNameClaim { get; set; } = "family_name";
    /// <summary>Used when the given/family name claims are missing (split at the last space).</summary>
    public string NameClaim { get; set; } = "name";
    /// <summary>Only people with an email in these domains may sign in (and be provisioned). At least one is required.</summary>
    public List<string> AllowedEmailDomains { get; set; } = [];
    /// <summary>The claim holding groups or roles (one value or many), e.g. "groups" or "roles". Empty = everybody is a host.</summary>
    public string? RoleClaim { get; set; }
    public List<SsoRoleMapping> RoleMappings { get; set; } = [];
    public SsoZoomProvisioning ZoomProvisioning { get; set; } = SsoZoomProvisioning.SsoCreate;
    /// <summary>License of the Zoom users SSO creates: Basic by default, so sign-ins never use up the license pool.</summary>
    public Aulario.Core.Accounts.LicenseType LicenseType { get; set; } = Aulario.Core.Accounts.LicenseType.Basic;
    /// <summary>False is allowed only for a loopback authority (tests, local trials).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>Where the provider sends the browser back (must be registered at the provider exactly).</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The issuer as Aulario names it in the audit ("sso:{issuer}") and as the external-login provider key.</summary>
    public string Issuer => (Authority ?? "").Trim().TrimEnd('/');

    public bool AllowsEmail(string email)
    {
        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1) return false;
        var domain = email[(at + 1)..];
        return AllowedEmailDomains.Any(d => string.Equals(d.Trim().TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(Issuer, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult($"Sso:Authority '{Authority}' no es una URL absoluta http(s).", [nameof(Authority)]);
            yield break;
        }
        var loopback = authority.IsLoopback || (IPAddress.TryParse(authority.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (authority.Scheme == "http" && !loopback)
            yield return new ValidationResult("Sso:Authority debe usar https (http solo se admite en 127.0.0.1/localhost).", [nameof(Authority)]);
        if (!RequireHttpsMetadata && !loopback)
            yield return new ValidationResult("Sso:RequireHttpsMetadata=false solo se admite con una autoridad en 127.0.0.1/localhost.", [nameof(RequireHttpsMetadata)]);
        if (authority.Scheme == "http" && RequireHttpsMetadata)
            yield return new ValidationResult("Sso:Authority usa http: poné Sso:RequireHttpsMetadata=false (solo en 127.0.0.1/localhost).", [nameof(RequireHttpsMetadata)]);
        if (string.IsNullOrWhiteSpace(ClientId))
            yield return new ValidationResult("Falta Sso:ClientId.", [nameof(ClientId)]);
        if (string.IsNullOrWhiteSpace(ClientSecret))
            yield return new ValidationResult("Falta Sso:ClientSecret (configurala como secreto: variable Sso__ClientSecret o user secrets).", [nameof(ClientSecret)]);
        foreach (var (name, value) in new[] { (nameof(IdentifierClaim), IdentifierClaim), (nameof(EmailClaim), EmailClaim), (nameof(DisplayName), DisplayName) })
        {
            if (string.IsNullOrWhiteSpace(value)) yield return new ValidationResult($"Sso:{name} no puede estar vacío.", [name]);
        }
        if (AllowedEmailDomains.Count == 0 || AllowedEmailDomains.Any(d => string.IsNullOrWhiteSpace(d) || d.Trim().TrimStart('@').Contains('@', StringComparison.Ordinal)))
            yield return new ValidationResult("Sso:AllowedEmailDomains debe listar al menos un dominio (p. ej. inst.edu.ar).", [nameof(AllowedEmailDomains)]);
        if (!Enum.IsDefined(ZoomProvisioning))
            yield return new ValidationResult("Sso:ZoomProvisioning debe ser None, SsoCreate o Create.", [nameof(ZoomProvisioning)]);
        if (!Enum.IsDefined(LicenseType))
            yield return new ValidationResult("Sso:LicenseType debe ser Basic o Licensed.", [nameof(LicenseType)]);
        if (!CallbackPath.StartsWith('/'))
            yield return new ValidationResult("Sso:CallbackPath debe empezar con /.", [nameof(CallbackPath)]);
        if (RoleMappings.Count > 0 && string.IsNullOrWhiteSpace(RoleClaim))
            yield return new ValidationResult("Sso:RoleMappings necesita Sso:RoleClaim (el claim con los grupos o roles).", [nameof(RoleClaim)]);
        for (var i = 0; i < RoleMappings.Count; i++)
        {
            var m = RoleMappings[i];
            if (string.IsNullOrWhiteSpace(m.Value))
                yield return new ValidationResult($"Sso:RoleMappings:{i}:Value no puede estar vacío.", [nameof(RoleMappings)]);
            if (!Enum.IsDefined(m.Role))
                yield return new ValidationResult($"Sso:RoleMappings:{i}:Role debe ser Host, PortalAdmin o InstitutionAdmin.", [nameof(RoleMappings)]);
            if (m.Role == SsoRole.PortalAdmin && m.Portals.Count(p => !string.IsNullOrWhiteSpace(p)) == 0)
                yield return new ValidationResult($"Sso:RoleMappings:{i} (PortalAdmin) necesita al menos un código de portal en Portals.", [nameof(RoleMappings)]);
            if (m.Role != SsoRole.PortalAdmin && m.Portals.Count > 0)
                yield return new ValidationResult($"Sso:RoleMappings:{i}: Portals solo se usa con Role=PortalAdmin.", [nameof(RoleMappings)]);
        }
    }
}
