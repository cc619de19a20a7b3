using System.CommandLine;
using Aulario.Persistence;

namespace Aulario.Cli.Database;

/// <summary>`aulario db migrate`: applies the database migrations (the production deploy step).</summary>
internal static class DbCommands
{
    public static Command Build(Option<string?> dataDir)
    {
        var migrate = new Command("migrate", "Aplica las migraciones de la base de datos");
        migrate.SetAction(async (parse, ct) =>
        {
            await using var sp = CliHost.Build(parse.GetValue(dataDir));
            await sp.MigrateAularioDatabaseAsync(ct);
            Console.WriteLine("Base de datos al día.");
            return 0;
        });
        return new Command("db", "Base de datos de Aulario") { migrate };
    }
}
