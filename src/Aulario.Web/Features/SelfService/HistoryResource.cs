namespace Aulario.Web;

/// <summary>Marker for the self-service meeting history and recordings strings: Resources/HistoryResource.resx (es-AR, the default) and HistoryResource.en.resx.</summary>
public sealed class HistoryResource;
