namespace Aulario.Cli.Api;

/// <summary>A value, or the exit code and the Spanish message for the operator.</summary>
public readonly struct ApiOutcome<T>
{
    private ApiOutcome(T? value, int exitCode, string? message) { Value = value; ExitCode = exitCode; Message = message; }

    public T? Value { get; }
    public int ExitCode { get; }
    public string? Message { get; }
    public bool IsSuccess => ExitCode == ExitCodes.Ok;

    public static implicit operator ApiOutcome<T>(T value) => new(value, ExitCodes.Ok, null);
    public static ApiOutcome<T> Fail(int exitCode, string message) => new(default, exitCode, message);
    public ApiOutcome<TOther> Cast<TOther>() => ApiOutcome<TOther>.Fail(ExitCode, Message!);

    /// <summary>Prints the message to stderr and returns the exit code.</summary>
    public int Report(CliConsole console)
    {
        console.Error.WriteLine(Message);
        return ExitCode;
    }
}
