namespace Aulario.Web;

/// <summary>Marker for the API-token strings: Resources/ApiTokensResource.resx (es-AR, the default) and ApiTokensResource.en.resx.</summary>
public sealed class ApiTokensResource;
