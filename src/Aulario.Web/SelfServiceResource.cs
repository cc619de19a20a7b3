namespace Aulario.Web;

/// <summary>Marker for the self-service strings (Mi cuenta, Delegados, Iniciar sesión como): Resources/SelfServiceResource.resx
/// (es-AR, the default) and SelfServiceResource.en.resx.</summary>
public sealed class SelfServiceResource;
