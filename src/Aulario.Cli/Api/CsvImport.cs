using System.Text.Json;

namespace Aulario.Cli.Api;

/// <summary>
/// What `accounts import` and `classrooms import` share: the server always checks the CSV first (nothing changes) and keeps the
/// valid rows as a draft job; with --apply the draft is started. Exit 0 when every row was valid, 1 otherwise.
/// </summary>
public sealed record CsvImport(string Route, Func<string, string> ApplyRoute, string What, Func<JsonElement, string> Summary, string Nothing, string DryRun)
{
    public async Task<int> RunAsync(ApiClient api, CliConsole console, FileInfo csv, string path, bool apply, bool json, CancellationToken ct)
    {
        var available = await api.HasEndpointAsync(ApiRoutes.OpenApiPath(Route), ct);
        if (!available.IsSuccess) return available.Report(console);
        if (!available.Value)
        {
            console.Error.WriteLine($"Todavía no disponible: este servidor no ofrece la importación de {What} por la API (POST /{Route}). No se cambió nada.");
            return ExitCodes.Usage;
        }
        await using var stream = csv.OpenRead();
        using var content = new MultipartFormDataContent { { new StreamContent(stream), "file", csv.Name } };
        var report = await api.PostAsync(path, content, ct);
        if (!report.IsSuccess) return report.Report(console);
        var invalid = JsonOutput.Int(report.Value, "invalid");
        var jobId = JsonOutput.Field(report.Value, "jobId");
        if (json) JsonOutput.Write(console, report.Value);
        else console.Out.WriteLine(Summary(report.Value));
        if (apply && jobId is not null)
        {
            var applied = await api.PostJsonAsync(ApplyRoute(jobId), new { }, ct);
            if (!applied.IsSuccess) return applied.Report(console);
            if (!json) console.Out.WriteLine($"Importación aplicada como trabajo {jobId}: seguila con `aulario jobs watch {jobId}`.");
        }
        else if (!json)
        {
            console.Out.WriteLine(jobId is null ? Nothing : DryRun);
        }
        return invalid > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
