using System.Globalization;
using System.Text.Json;
using Aulario.Cli.Api;
using Spectre.Console;

namespace Aulario.Cli.Jobs;

/// <summary>Polls GET /api/v1/jobs/{id} until the job ends, with a Spectre progress bar and the time left.
/// Exit 0 when every item succeeded, 1 when items failed or the job was cancelled or paused.</summary>
public static class JobWatcher
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    public static async Task<int> WatchAsync(ApiClient api, CliConsole console, string id, TimeSpan interval, bool json, CancellationToken ct)
    {
        ApiOutcome<JsonElement> last = default;
        if (json)
        {
            while (true)
            {
                last = await api.GetJsonAsync(ApiRoutes.Job(id), ct);
                if (!last.IsSuccess || IsFinished(last.Value)) break;
                await Task.Delay(interval, ct);
            }
        }
        else
        {
            await console.Ansi.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var bar = progress.AddTask("Trabajo " + Markup.Escape(id), maxValue: 1);
                    while (true)
                    {
                        last = await api.GetJsonAsync(ApiRoutes.Job(id), ct);
                        if (!last.IsSuccess) return;
                        var job = last.Value;
                        var total = Math.Max(1, JsonOutput.Int(job, "total"));
                        bar.MaxValue = total;
                        bar.Value = Math.Min(total, JsonOutput.Int(job, "done") + JsonOutput.Int(job, "failed"));
                        bar.Description = Markup.Escape(Describe(job));
                        if (IsFinished(job))
                        {
                            bar.StopTask();
                            return;
                        }
                        await Task.Delay(interval, ct);
                    }
                });
        }
        if (!last.IsSuccess) return last.Report(console);
        if (json) JsonOutput.Write(console, last.Value);
        else console.Out.WriteLine(Summary(last.Value));
        return Status(last.Value) == "succeeded" && JsonOutput.Int(last.Value, "failed") == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>The job's status name in lower case (the API may send the enum's name or its number).</summary>
    public static string Status(JsonElement job) => JsonOutput.Field(job, "status")?.ToLowerInvariant() switch
    {
        "0" => "pending",
        "1" => "running",
        "2" => "waitingforretry",
        "3" => "paused",
        "4" => "succeeded",
        "5" => "failed",
        "6" => "cancelled",
        { } name => name,
        null => "unknown",
    };

    public static bool IsFinished(JsonElement job) => Status(job) is "succeeded" or "failed" or "cancelled" or "paused";

    private static string Describe(JsonElement job)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{JsonOutput.Field(job, "kind") ?? "trabajo"}: {JsonOutput.Int(job, "done")}/{JsonOutput.Int(job, "total")}, {JsonOutput.Int(job, "failed")} con error");
        return Status(job) == "waitingforretry"
            ? text + " · continúa a las " + JsonOutput.Date(JsonOutput.Field(job, "resumeAt"))
            : text;
    }

    private static string Summary(JsonElement job)
    {
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{JsonOutput.Int(job, "done")} de {JsonOutput.Int(job, "total")} hechos, {JsonOutput.Int(job, "failed")} con error");
        var message = JsonOutput.Field(job, "statusMessage") is { Length: > 0 } m ? " — " + m : "";
        return Status(job) switch
        {
            "succeeded" => "Trabajo terminado: " + counts + message,
            "failed" => "Trabajo terminado con errores: " + counts + message,
            "cancelled" => "Trabajo cancelado: " + counts + message,
            "paused" => "Trabajo en pausa: " + counts + message,
            _ => "Trabajo: " + counts + message,
        };
    }
}
