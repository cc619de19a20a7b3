namespace Aulario.Web;

/// <summary>Marker for the SCIM strings: Resources/ScimResource.resx (es-AR, the default) and ScimResource.en.resx.</summary>
public sealed class ScimResource;
