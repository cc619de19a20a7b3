namespace Aulario.Cli.Api;

/// <summary>Portals are named by their code on the command line (ISSP) and by their id in the API.</summary>
public static class PortalLookup
{
    /// <summary>The portal's id, or an outcome that reports "no such portal" as a usage error (exit 2).</summary>
    public static async Task<(string? Id, int? Exit)> ResolveAsync(ApiClient api, CliConsole console, string code, CancellationToken ct)
    {
        var portals = await api.GetJsonAsync(ApiRoutes.Portals, ct);
        if (!portals.IsSuccess) return (null, portals.Report(console));
        var match = JsonOutput.Items(portals.Value)
            .FirstOrDefault(p => string.Equals(JsonOutput.Field(p, "code"), code.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match.ValueKind == System.Text.Json.JsonValueKind.Undefined)
        {
            console.Error.WriteLine($"No hay un portal con el código «{code}».");
            return (null, ExitCodes.Usage);
        }
        return (JsonOutput.Field(match, "id"), null);
    }
}
