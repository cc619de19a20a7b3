using System.CommandLine;
using Aulario.Cli.Api;

namespace Aulario.Cli.Jobs;

/// <summary>`aulario jobs watch ID`: a progress bar until the job ends.</summary>
public static class JobsCommands
{
    public static Command Build(ApiConnection connection)
    {
        var id = new Argument<string>("id") { Description = "Id del trabajo" };
        var interval = new Option<double>("--interval") { Description = "Segundos entre consultas", DefaultValueFactory = _ => JobWatcher.DefaultInterval.TotalSeconds };
        var json = new Option<bool>("--json") { Description = "Sin barra: imprimir el estado final como JSON" };
        var watch = new Command("watch", "Muestra el progreso de un trabajo hasta que termina") { id, interval, json };
        watch.SetAction(async (parse, ct) =>
        {
            var console = connection.Console;
            var seconds = parse.GetValue(interval);
            if (seconds is < 0.2 or > 600)
            {
                console.Error.WriteLine("--interval debe estar entre 0,2 y 600 segundos.");
                return ExitCodes.Usage;
            }
            var connected = connection.Connect(parse);
            if (!connected.IsSuccess) return connected.Report(console);
            using var api = connected.Value!;
            return await JobWatcher.WatchAsync(api, console, parse.GetValue(id)!, TimeSpan.FromSeconds(seconds), parse.GetValue(json), ct);
        });
        return new Command("jobs", "Trabajos en segundo plano") { watch };
    }
}
