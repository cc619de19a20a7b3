using System.CommandLine;
using Aulario.Cli.Admin;
using Aulario.Cli.Database;

var dataDir = new Option<string?>("--data-dir") { Description = "Carpeta de datos (SQLite) si no se usa ConnectionStrings__Aulario", Recursive = true };
var root = new RootCommand("aulario: administración de cuentas Zoom y aulas virtuales")
{
    dataDir,
    AdminCommands.Build(dataDir),
    DbCommands.Build(dataDir),
};
return await root.Parse(args).InvokeAsync();
