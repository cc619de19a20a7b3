namespace Aulario.Web;

/// <summary>Marker for the account-administration strings: Resources/AccountsResource.resx (es-AR, the default) and AccountsResource.en.resx.</summary>
public sealed class AccountsResource;
