namespace Aulario.Siu;

/// <summary>Error codes the adapter adds to <see cref="Aulario.Core.Siu.SiuErrorCodes"/> for input it rejects before touching SIU.</summary>
public static class SiuAdapterErrorCodes
{
    /// <summary>A configured schema, table or column name is not a plain identifier.</summary>
    public const string InvalidIdentifier = "siu.invalid-identifier";

    /// <summary>A required value (space name, audit user) is empty.</summary>
    public const string MissingValue = "siu.missing-value";

    /// <summary>The configured provider is not one this adapter knows.</summary>
    public const string UnknownProvider = "siu.unknown-provider";
}
