namespace Aulario.Cli.Accounts;

/// <summary>The CLI's Spanish status words and the API's filter values.</summary>
public static class AccountStatusOption
{
    public static readonly string[] Values = ["activas", "pendientes", "finalizadas", "todas"];

    public static string ToApi(string value) => value switch
    {
        "activas" => "active",
        "pendientes" => "pending",
        "finalizadas" => "finalized",
        _ => "all",
    };

    /// <summary>An account status from the API (name or number) in Spanish.</summary>
    public static string Display(string? status) => status?.ToLowerInvariant() switch
    {
        "active" or "0" => "Activa",
        "pending" or "1" => "Pendiente",
        "finalized" or "2" => "Finalizada",
        null => "—",
        _ => status,
    };
}
