using System.CommandLine;
using System.Text.Json;
using Aulario.Cli.Api;
using Aulario.Cli.Jobs;

namespace Aulario.Cli.Reconcile;

/// <summary>`aulario reconcile [--portal CODE] [--watch] [--json]`: compares Zoom, Aulario and SIU; exit 1 when drift is found.</summary>
public static class ReconcileCommand
{
    public static Command Build(ApiConnection connection)
    {
        var portal = new Option<string?>("--portal") { Description = "Solo este portal (por defecto, todos)" };
        var watch = new Option<bool>("--watch") { Description = "Si la conciliación corre como trabajo, seguir su progreso" };
        var json = new Option<bool>("--json") { Description = "Imprimir el informe como JSON" };
        var command = new Command("reconcile", "Concilia Zoom ↔ Aulario ↔ SIU e informa diferencias") { portal, watch, json };
        command.SetAction(async (parse, ct) =>
        {
            var console = connection.Console;
            var connected = connection.Connect(parse);
            if (!connected.IsSuccess) return connected.Report(console);
            using var api = connected.Value!;
            var available = await api.HasEndpointAsync(ApiRoutes.OpenApiPath(ApiRoutes.Reconcile), ct);
            if (!available.IsSuccess) return available.Report(console);
            if (!available.Value)
            {
                console.Error.WriteLine($"Todavía no disponible: este servidor no ofrece la conciliación por la API (POST /{ApiRoutes.Reconcile}).");
                return ExitCodes.Usage;
            }
            var started = await api.PostJsonAsync(ApiRoutes.Reconcile, new { portal = parse.GetValue(portal) }, ct);
            if (!started.IsSuccess) return started.Report(console);
            if (parse.GetValue(watch) && JsonOutput.Field(started.Value, "jobId") is { } jobId)
                return await JobWatcher.WatchAsync(api, console, jobId, JobWatcher.DefaultInterval, parse.GetValue(json), ct);
            if (parse.GetValue(json)) JsonOutput.Write(console, started.Value);
            var drift = DriftCount(started.Value);
            if (!parse.GetValue(json)) console.Out.WriteLine(drift == 0 ? "Sin diferencias." : $"Diferencias encontradas: {drift}.");
            return drift == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static int DriftCount(JsonElement report) =>
        report.ValueKind == JsonValueKind.Object && report.TryGetProperty("items", out var drift) && drift.ValueKind == JsonValueKind.Array
            ? drift.GetArrayLength()
            : JsonOutput.Int(report, "driftCount");
}
