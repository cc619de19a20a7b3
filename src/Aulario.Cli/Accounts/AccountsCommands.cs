using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Aulario.Cli.Api;
using Spectre.Console;

namespace Aulario.Cli.Accounts;

/// <summary>`aulario accounts list|export|import` over /api/v1/accounts.</summary>
public static class AccountsCommands
{
    public static Command Build(ApiConnection connection) =>
        new("accounts", "Cuentas Zoom") { List(connection), Export(connection), Import(connection) };

    private static Option<string> StatusOption() =>
        new Option<string>("--status") { Description = "activas, pendientes, finalizadas o todas", DefaultValueFactory = _ => "todas" }
            .AcceptOnlyFromAmong(AccountStatusOption.Values);

    private static Command List(ApiConnection connection)
    {
        var status = StatusOption();
        var search = new Option<string?>("--search") { Description = "Buscar por correo o nombre" };
        var page = new Option<int>("--page") { Description = "Página (desde 1)", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = "Cuentas por página (1 a 200)", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Imprimir la respuesta como JSON" };
        var command = new Command("list", "Lista las cuentas (filtro, búsqueda y página)") { status, search, page, pageSize, json };
        command.SetAction(async (parse, ct) =>
        {
            var console = connection.Console;
            if (parse.GetValue(page) < 1 || parse.GetValue(pageSize) is < 1 or > 200)
                return Usage(console, "--page debe ser 1 o más y --page-size estar entre 1 y 200.");
            var connected = connection.Connect(parse);
            if (!connected.IsSuccess) return connected.Report(console);
            using var api = connected.Value!;
            var path = ApiRoutes.WithQuery(ApiRoutes.Accounts,
                ("status", AccountStatusOption.ToApi(parse.GetValue(status)!)), ("search", parse.GetValue(search)),
                ("page", parse.GetValue(page).ToString(CultureInfo.InvariantCulture)),
                ("pageSize", parse.GetValue(pageSize).ToString(CultureInfo.InvariantCulture)));
            var response = await api.GetJsonAsync(path, ct);
            if (!response.IsSuccess) return response.Report(console);
            if (parse.GetValue(json)) JsonOutput.Write(console, response.Value);
            else Render(console, response.Value);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(CliConsole console, JsonElement response)
    {
        var items = JsonOutput.Items(response);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Correo", "Nombre", "Estado", "Licencia", "Último ingreso");
        foreach (var a in items)
        {
            var name = JsonOutput.Field(a, "displayName", "name")
                ?? string.Join(' ', new[] { JsonOutput.Field(a, "firstName"), JsonOutput.Field(a, "lastName") }.Where(s => !string.IsNullOrEmpty(s)));
            table.AddRow(JsonOutput.Cell(JsonOutput.Field(a, "email")), JsonOutput.Cell(name),
                JsonOutput.Cell(AccountStatusOption.Display(JsonOutput.Field(a, "status"))), JsonOutput.Cell(JsonOutput.Field(a, "licenseType", "license")),
                JsonOutput.Cell(JsonOutput.Date(JsonOutput.Field(a, "lastSignInAt", "lastLoginAt", "lastLoginTime"))));
        }
        console.Ansi.Write(table);
        var total = JsonOutput.Int(response, "totalCount", "total");
        var pageNumber = Math.Max(1, JsonOutput.Int(response, "page", "pageNumber"));
        var pages = Math.Max(1, JsonOutput.Int(response, "pageCount", "pages"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Página {pageNumber} de {pages} · {total} cuentas"));
    }

    private static Command Export(ApiConnection connection)
    {
        var status = StatusOption();
        var search = new Option<string?>("--search") { Description = "Buscar por correo o nombre" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Archivo CSV a escribir (UTF-8 con BOM, para Excel)", Required = true };
        var command = new Command("export", "Exporta a CSV las cuentas del filtro") { status, search, output };
        command.SetAction(async (parse, ct) =>
        {
            var console = connection.Console;
            var file = parse.GetValue(output)!;
            if (file.Directory is { Exists: false } dir) return Usage(console, $"La carpeta «{dir.FullName}» no existe.");
            var connected = connection.Connect(parse);
            if (!connected.IsSuccess) return connected.Report(console);
            using var api = connected.Value!;
            var path = ApiRoutes.WithQuery(ApiRoutes.AccountsExport,
                ("status", AccountStatusOption.ToApi(parse.GetValue(status)!)), ("search", parse.GetValue(search)));
            var sent = await api.GetStreamAsync(path, ct);
            if (!sent.IsSuccess) return sent.Report(console);
            using var response = sent.Value!;
            var rows = await CsvDownload.SaveAsync(response, file.FullName, ct);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Exportadas {rows} cuentas a {file.FullName}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static readonly CsvImport Importer = new(ApiRoutes.AccountsImport, ApiRoutes.ImportApply, "cuentas",
        r => $"Filas para crear: {JsonOutput.Int(r, "valid")}; con errores: {JsonOutput.Int(r, "invalid")}; ya existentes: {JsonOutput.Int(r, "existing")}.",
        "No hay filas para crear.", "Prueba en seco: no se cambió nada. Repetí con --apply para crear las cuentas.");

    private static Command Import(ApiConnection connection)
    {
        var file = new Argument<FileInfo>("archivo") { Description = "CSV de cuentas (UTF-8, con o sin BOM; coma o punto y coma)" };
        var apply = new Option<bool>("--apply") { Description = "Aplicar las filas válidas (sin esto es una prueba en seco)" };
        var json = new Option<bool>("--json") { Description = "Imprimir el informe como JSON" };
        var command = new Command("import", "Importa cuentas desde un CSV (prueba en seco primero)") { file, apply, json };
        command.SetAction(async (parse, ct) =>
        {
            var console = connection.Console;
            var csv = parse.GetValue(file)!;
            if (!csv.Exists) return Usage(console, $"No existe el archivo «{csv.FullName}».");
            var connected = connection.Connect(parse);
            if (!connected.IsSuccess) return connected.Report(console);
            using var api = connected.Value!;
            return await Importer.RunAsync(api, console, csv, ApiRoutes.AccountsImport, parse.GetValue(apply), parse.GetValue(json), ct);
        });
        return command;
    }

    private static int Usage(CliConsole console, string message)
    {
        console.Error.WriteLine(message);
        return ExitCodes.Usage;
    }
}
