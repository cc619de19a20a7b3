namespace Aulario.Cli.Api;

/// <summary>The REST contract the CLI relies on (relative to the server's base URL), in one place.</summary>
public static class ApiRoutes
{
    public const string Accounts = "api/v1/accounts";
    public const string AccountsExport = "api/v1/accounts/export";
    public const string AccountsImport = "api/v1/accounts/import";
    public const string ClassroomsImport = "api/v1/classrooms/import";
    public const string Portals = "api/v1/portals";
    public const string Reconcile = "api/v1/reconcile";

    public static string ImportApply(string jobId) => $"api/v1/accounts/import/{Uri.EscapeDataString(jobId)}/apply";

    public static string ClassroomsImportApply(string jobId) => $"api/v1/classrooms/import/{Uri.EscapeDataString(jobId)}/apply";

    public static string Job(string id) => "api/v1/jobs/" + Uri.EscapeDataString(id);
    public static string PortalClassrooms(string portalId) => $"api/v1/portals/{Uri.EscapeDataString(portalId)}/classrooms";
    public static string PasscodeRotation(string portalId) => $"api/v1/portals/{Uri.EscapeDataString(portalId)}/passcodes/rotate";

    /// <summary>The OpenAPI path of a route (how the server's document names it).</summary>
    public static string OpenApiPath(string route) => "/" + route;

    public static string WithQuery(string path, params (string Key, string? Value)[] query)
    {
        var parts = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => q.Key + "=" + Uri.EscapeDataString(q.Value!)).ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join('&', parts);
    }
}
