using System.CommandLine;
using Aulario.Cli.Api;
using Aulario.Cli.Jobs;

namespace Aulario.Cli.Passcodes;

/// <summary>`aulario passcodes rotate --portal CODE [--classroom ID ...] [--watch]`: starts a passcode-rotation job.</summary>
public static class PasscodesCommands
{
    public static Command Build(ApiConnection connection)
    {
        var portal = new Option<string>("--portal") { Description = "Código del portal", Required = true };
        var classrooms = new Option<string[]>("--classroom")
        {
            Description = "Id de un aula (se puede repetir); sin esta opción, todas las aulas del portal",
            AllowMultipleArgumentsPerToken = true,
        };
        var watch = new Option<bool>("--watch") { Description = "Seguir el progreso hasta que termine" };
        var json = new Option<bool>("--json") { Description = "Imprimir la respuesta como JSON" };
        var rotate = new Command("rotate", "Rota la contraseña de alumno de las aulas (en Zoom, Aulario y SIU)") { portal, classrooms, watch, json };
        rotate.SetAction(async (parse, ct) =>
        {
            var console = connection.Console;
            var ids = new List<Guid>();
            foreach (var raw in parse.GetValue(classrooms) ?? [])
            {
                if (!Guid.TryParse(raw, out var id))
                {
                    console.Error.WriteLine($"«{raw}» no es un id de aula válido.");
                    return ExitCodes.Usage;
                }
                ids.Add(id);
            }
            var connected = connection.Connect(parse);
            if (!connected.IsSuccess) return connected.Report(console);
            using var api = connected.Value!;
            var (portalId, exit) = await PortalLookup.ResolveAsync(api, console, parse.GetValue(portal)!, ct);
            if (portalId is null) return exit!.Value;
            var started = await api.PostJsonAsync(ApiRoutes.PasscodeRotation(portalId),
                new { classroomIds = ids.Count == 0 ? null : ids }, ct);
            if (!started.IsSuccess) return started.Report(console);
            var jobId = JsonOutput.Field(started.Value, "jobId", "id");
            if (parse.GetValue(watch) && jobId is not null)
                return await JobWatcher.WatchAsync(api, console, jobId, JobWatcher.DefaultInterval, parse.GetValue(json), ct);
            if (parse.GetValue(json)) JsonOutput.Write(console, started.Value);
            else console.Out.WriteLine($"Rotación iniciada (trabajo {jobId}). Siga el progreso con: aulario jobs watch {jobId}");
            return ExitCodes.Ok;
        });
        return new Command("passcodes", "Contraseñas de alumno") { rotate };
    }
}
