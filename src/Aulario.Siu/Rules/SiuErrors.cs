using System.Globalization;
using Aulario.Core.Common;
using Aulario.Core.Siu;
using Aulario.Siu.Naming;

namespace Aulario.Siu.Rules;

/// <summary>The port's errors with their Spanish messages (each says that SIU was left as it was where that matters).</summary>
internal static class SiuErrors
{
    public static Error MissingTable(SiuSqlNames n) =>
        Error.Upstream(SiuErrorCodes.MissingTable, MissingTableText(n));

    public static string MissingTableText(SiuSqlNames n) =>
        $"No existe la tabla {n.Display} en SIU (o el usuario de la conexión no tiene permiso para verla).";

    public static Error MissingColumn(SiuSqlNames n, string column) =>
        Error.Upstream(SiuErrorCodes.MissingColumn, MissingColumnText(n, column));

    public static string MissingColumnText(SiuSqlNames n, string column) => $"Falta la columna {column} en {n.Display}";

    public static Error MissingColumnUnknown(SiuSqlNames n, string serverText) =>
        Error.Upstream(SiuErrorCodes.MissingColumn, $"Falta una de las columnas configuradas en {n.Display} ({serverText}).");

    public static Error SpaceNotFound(SiuSqlNames n, int id) =>
        Error.NotFound(SiuErrorCodes.SpaceNotFound, $"No existe el espacio {Id(id)} en {n.Display}.");

    public static Error NotExactlyOneRow(SiuSqlNames n, int id, int rows) =>
        Error.Conflict(SiuErrorCodes.NotExactlyOneRow,
            $"El cambio del espacio {Id(id)} alcanzaba {rows.ToString(CultureInfo.InvariantCulture)} filas de {n.Display} en lugar de una; no se modificó nada.");

    public static Error DuplicateCode(string? code) =>
        Error.Conflict(SiuErrorCodes.DuplicateCode,
            code is null
                ? "SIU rechazó el cambio porque otro espacio ya tiene esos datos (índice único); no se modificó nada."
                : $"Ya existe otro espacio con el código «{code}» en SIU; no se modificó nada.",
            SiuField.Code.Key);

    public static Error TooLongOnServer() =>
        Error.Validation(SiuErrorCodes.TooLong, "Un valor es más largo de lo que SIU admite; no se modificó nada.");

    public static Error NotLatin1OnServer() =>
        Error.Validation(SiuErrorCodes.NotLatin1,
            "Un valor contiene caracteres que SIU no puede guardar (codificación LATIN1); no se modificó nada.");

    public static Error ConnectionFailed(string reason) =>
        Error.Upstream(SiuErrorCodes.ConnectionFailed, $"No se pudo conectar: {reason}");

    public static Error Other(string message) => Error.Upstream(SiuErrorCodes.Other, message);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
