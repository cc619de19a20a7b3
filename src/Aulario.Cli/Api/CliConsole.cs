using Spectre.Console;

namespace Aulario.Cli.Api;

/// <summary>Where the CLI writes and what it reads from its environment (the real console, or captured writers in tests).</summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, Func<string, string?> environment, bool interactive = false)
    {
        Out = output;
        Error = error;
        Environment = environment;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Redirected output (files, pipes, tests): wide enough that e-mails never wrap inside a cell.
        if (!interactive) Ansi.Profile.Width = 200;
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public IAnsiConsole Ansi { get; }
    public Func<string, string?> Environment { get; }

    public static CliConsole FromSystemConsole() =>
        new(Console.Out, Console.Error, System.Environment.GetEnvironmentVariable, interactive: !Console.IsOutputRedirected);
}
