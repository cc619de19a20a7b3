namespace Aulario.Web;

/// <summary>Marker for the CSV import page's strings (Resources/ImportResource*.resx).</summary>
public sealed class ImportResource;
