namespace Aulario.Web;

/// <summary>Marker for the portal, classroom, passcode and job strings: Resources/ClassroomsResource.resx (es-AR, the default) and ClassroomsResource.en.resx.</summary>
public sealed class ClassroomsResource;
