namespace Aulario.Web;

/// <summary>Marker for the admin-management and roles strings: Resources/AdminsResource.resx (es-AR, the default) and AdminsResource.en.resx.</summary>
public sealed class AdminsResource;
