using System.Net.Sockets;
using Aulario.Core.Common;
using Aulario.Siu.Engine;
using Aulario.Siu.Rules;
using Npgsql;

namespace Aulario.Siu.Postgres;

/// <summary>PostgreSQL failures (SQLSTATE, socket, timeout) as the port's errors, in Spanish, never naming the password.</summary>
internal static class PostgresFailures
{
    public static Error? Map(Exception exception, SiuFailureContext context) => exception switch
    {
        PostgresException pg => FromSqlState(pg, context),
        NpgsqlException { InnerException: TimeoutException } => SiuErrors.ConnectionFailed($"{Server(context)} no respondió a tiempo."),
        NpgsqlException { InnerException: PostgresException inner } => FromSqlState(inner, context),
        NpgsqlException or SocketException => SiuErrors.ConnectionFailed($"{Server(context)} no responde o rechazó la conexión."),
        TimeoutException => SiuErrors.ConnectionFailed($"{Server(context)} no respondió a tiempo."),
        ArgumentException => SiuErrors.ConnectionFailed("la cadena de conexión a SIU no es válida; revise la configuración del portal."),
        _ => null,
    };

    private static Error FromSqlState(PostgresException pg, SiuFailureContext context)
    {
        var state = pg.SqlState;
        return state switch
        {
            PostgresErrorCodes.UntranslatableCharacter => context.Update is { } u
                ? SiuValueRules.FindNotLatin1(u, context.Target.AuditUser) ?? SiuErrors.NotLatin1OnServer()
                : SiuErrors.NotLatin1OnServer(),
            PostgresErrorCodes.StringDataRightTruncation => SiuErrors.TooLongOnServer(),
            PostgresErrorCodes.UniqueViolation => SiuErrors.DuplicateCode(context.Update?.Code),
            PostgresErrorCodes.UndefinedColumn => SiuErrors.MissingColumnUnknown(context.Names, pg.MessageText),
            PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName => SiuErrors.MissingTable(context.Names),
            PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
                SiuErrors.ConnectionFailed($"SIU rechazó el usuario o la contraseña (usuario «{User(context)}»)."),
            PostgresErrorCodes.InvalidCatalogName => SiuErrors.ConnectionFailed($"la base de datos «{Database(context)}» no existe en {Server(context)}."),
            PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.AdminShutdown =>
                SiuErrors.ConnectionFailed($"{Server(context)} no acepta conexiones en este momento ({pg.MessageText})."),
            _ when state.StartsWith("08", StringComparison.Ordinal) =>
                SiuErrors.ConnectionFailed($"se perdió la conexión con {Server(context)} ({pg.MessageText})."),
            PostgresErrorCodes.InsufficientPrivilege =>
                SiuErrors.Other($"El usuario de SIU no tiene permiso para esta operación: {pg.MessageText}. No se modificó nada."),
            PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.QueryCanceled =>
                SiuErrors.Other($"SIU no pudo completar el cambio a tiempo (el espacio está bloqueado o la consulta se canceló); no se modificó nada. Reintente."),
            _ => SiuErrors.Other($"SIU rechazó la operación ({state}: {pg.MessageText}); no se modificó nada."),
        };
    }

    private static NpgsqlConnectionStringBuilder? Builder(SiuFailureContext context)
    {
        try { return new NpgsqlConnectionStringBuilder(context.Target.ConnectionString); }
        catch (ArgumentException) { return null; }
    }

    private static string Server(SiuFailureContext context) =>
        Builder(context) is { Host: { } host } b ? $"el servidor SIU {host}:{b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "el servidor SIU";

    private static string User(SiuFailureContext context) => Builder(context)?.Username ?? "";

    private static string Database(SiuFailureContext context) => Builder(context)?.Database ?? "";
}
