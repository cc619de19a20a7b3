namespace Aulario.Web;

/// <summary>Marker for the account-security strings (password change, two-step verification, security settings):
/// Resources/SecurityResource.resx (es-AR, the default) and SecurityResource.en.resx.</summary>
public sealed class SecurityResource;
