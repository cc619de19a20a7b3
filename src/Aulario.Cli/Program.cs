using Aulario.Cli;
using Aulario.Cli.Api;

return await AularioCli.RunAsync(args, CliConsole.FromSystemConsole());
