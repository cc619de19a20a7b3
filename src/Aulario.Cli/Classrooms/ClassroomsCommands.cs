using System.CommandLine;
using Aulario.Cli.Api;
using Spectre.Console;

namespace Aulario.Cli.Classrooms;

/// <summary>`aulario classrooms list|import --portal CODE` over /api/v1/portals/{id}/classrooms and /api/v1/classrooms/import.</summary>
public static class ClassroomsCommands
{
    public static Command Build(ApiConnection connection)
    {
        var portal = new Option<string>("--portal") { Description = "Código del portal (p. ej. ISSP)", Required = true };
        var search = new Option<string?>("--search") { Description = "Buscar por nombre, código o cuenta" };
        var json = new Option<bool>("--json") { Description = "Imprimir la respuesta como JSON" };
        var list = new Command("list", "Lista las aulas virtuales de un portal") { portal, search, json };
        list.SetAction(async (parse, ct) =>
        {
            var console = connection.Console;
            var connected = connection.Connect(parse);
            if (!connected.IsSuccess) return connected.Report(console);
            using var api = connected.Value!;
            var (portalId, exit) = await PortalLookup.ResolveAsync(api, console, parse.GetValue(portal)!, ct);
            if (portalId is null) return exit!.Value;
            var response = await api.GetJsonAsync(ApiRoutes.WithQuery(ApiRoutes.PortalClassrooms(portalId), ("q", parse.GetValue(search))), ct);
            if (!response.IsSuccess) return response.Report(console);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(console, response.Value);
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Id", "Aula", "Código", "Cuenta", "Estado");
            foreach (var c in JsonOutput.Items(response.Value))
                table.AddRow(JsonOutput.Cell(JsonOutput.Field(c, "id")), JsonOutput.Cell(JsonOutput.Field(c, "name", "nombre", "spaceName")),
                    JsonOutput.Cell(JsonOutput.Field(c, "code", "codigo", "spaceCode")), JsonOutput.Cell(JsonOutput.Field(c, "accountEmail", "email")),
                    JsonOutput.Cell(JsonOutput.Field(c, "status", "state")));
            console.Ansi.Write(table);
            return ExitCodes.Ok;
        });
        return new Command("classrooms", "Aulas virtuales") { list, Import(connection) };
    }

    private static readonly CsvImport Importer = new(ApiRoutes.ClassroomsImport, ApiRoutes.ClassroomsImportApply, "aulas",
        r => $"Aulas para asignar: {JsonOutput.Int(r, "assign")}; reemplazos de cuenta: {JsonOutput.Int(r, "replace")}; " +
             $"sin cambios: {JsonOutput.Int(r, "unchanged")}; con errores: {JsonOutput.Int(r, "invalid")}.",
        "No hay filas para aplicar.", "Prueba en seco: no se cambió nada (ni Zoom ni SIU). Repetí con --apply para asignar las aulas.");

    private static Command Import(ApiConnection connection)
    {
        var file = new Argument<FileInfo>("archivo") { Description = "CSV de aulas: email, espacio y/o codigo; opcionales nombre, codigo_nuevo, finalizar_anterior" };
        var portal = new Option<string>("--portal") { Description = "Código del portal (p. ej. ISSP)", Required = true };
        var apply = new Option<bool>("--apply") { Description = "Aplicar las filas válidas (sin esto es una prueba en seco)" };
        var json = new Option<bool>("--json") { Description = "Imprimir el informe como JSON" };
        var command = new Command("import", "Importa aulas (cuenta + espacio de SIU) desde un CSV (prueba en seco primero)") { file, portal, apply, json };
        command.SetAction(async (parse, ct) =>
        {
            var console = connection.Console;
            var csv = parse.GetValue(file)!;
            if (!csv.Exists)
            {
                console.Error.WriteLine($"No existe el archivo «{csv.FullName}».");
                return ExitCodes.Usage;
            }
            var connected = connection.Connect(parse);
            if (!connected.IsSuccess) return connected.Report(console);
            using var api = connected.Value!;
            var (portalId, exit) = await PortalLookup.ResolveAsync(api, console, parse.GetValue(portal)!, ct);
            if (portalId is null) return exit!.Value;
            return await Importer.RunAsync(api, console, csv, ApiRoutes.WithQuery(ApiRoutes.ClassroomsImport, ("portalId", portalId)),
                parse.GetValue(apply), parse.GetValue(json), ct);
        });
        return command;
    }
}
