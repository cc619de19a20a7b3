namespace Aulario.Web;

/// <summary>Marker for the UI strings: Resources/SharedResource.resx (es-AR, the default) and SharedResource.en.resx.</summary>
public sealed class SharedResource;
