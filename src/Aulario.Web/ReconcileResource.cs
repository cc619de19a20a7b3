namespace Aulario.Web;

/// <summary>Marker for the reconciliation dashboard's strings (Resources/ReconcileResource*.resx).</summary>
public sealed class ReconcileResource;
