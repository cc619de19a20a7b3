namespace Aulario.Cli.Api;

/// <summary>The exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran but some items failed, or drift was found.</summary>
    public const int Failed = 1;
    /// <summary>Bad usage or bad input (unknown option, invalid value, rejected by the server's validation, not available yet).</summary>
    public const int Usage = 2;
    /// <summary>Missing, invalid or revoked token, or not allowed.</summary>
    public const int Authentication = 3;
    /// <summary>Server error, unexpected answer, or the server could not be reached.</summary>
    public const int Server = 4;
}
