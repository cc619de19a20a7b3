using System.CommandLine;
using System.CommandLine.Invocation;
using Aulario.Cli.Accounts;
using Aulario.Cli.Admin;
using Aulario.Cli.Api;
using Aulario.Cli.Classrooms;
using Aulario.Cli.Database;
using Aulario.Cli.Jobs;
using Aulario.Cli.Passcodes;
using Aulario.Cli.Reconcile;

namespace Aulario.Cli;

/// <summary>The `aulario` command tree. `admin create` and `db migrate` work on the database; every other command talks only
/// HTTP to the REST API /api/v1 with a token (--url/--token or AULARIO_URL/AULARIO_TOKEN).
/// Exit codes: see <see cref="ExitCodes"/>.</summary>
public static class AularioCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct = default)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Carpeta de datos (SQLite) si no se usa ConnectionStrings__Aulario", Recursive = true };
        var connection = new ApiConnection(console);
        var root = new RootCommand("aulario: administración de cuentas Zoom y aulas virtuales")
        {
            dataDir,
            connection.Url,
            connection.Token,
            AdminCommands.Build(dataDir),
            DbCommands.Build(dataDir),
            AccountsCommands.Build(connection),
            ClassroomsCommands.Build(connection),
            PasscodesCommands.Build(connection),
            JobsCommands.Build(connection),
            ReconcileCommand.Build(connection),
        };
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors) console.Error.WriteLine($"Uso incorrecto: {error.Message}");
            console.Error.WriteLine("Vea «aulario --help» o «aulario <comando> --help».");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, ct);
    }
}
