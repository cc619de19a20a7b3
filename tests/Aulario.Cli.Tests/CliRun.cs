using Aulario.Cli.Api;

namespace Aulario.Cli.Tests;

/// <summary>One in-process run of the `aulario` command tree with captured output and no inherited environment.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null);
        var code = await AularioCli.RunAsync(args, console);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);
}
