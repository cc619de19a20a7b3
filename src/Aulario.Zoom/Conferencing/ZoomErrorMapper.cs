using System.Globalization;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;

namespace Aulario.Zoom.Conferencing;

/// <summary>What the failed call was doing; the same Zoom code can mean different things (e.g. 300 on a passcode).</summary>
internal enum ZoomOperation
{
    CreateUser,
    ReadUser,
    UpdateUser,
    ChangeLicense,
    SetStatus,
    SetPassword,
    RemoveUser,
    Settings,
    SetPasscode,
    Assistants,
    /// <summary>Meeting history: the report, one past meeting, its participants.</summary>
    History,
    /// <summary>Cloud recordings: listing and downloading.</summary>
    Recordings,
    Other,
}

/// <summary>Turns a <see cref="ZoomError"/> into Core <see cref="Error"/> values, by Zoom code (never by message), in Spanish (es-AR).</summary>
internal static class ZoomErrorMapper
{
    private static readonly CultureInfo EsAr = CultureInfo.GetCultureInfo("es-AR");

    public static IReadOnlyList<Error> ToErrors(ZoomError error, ZoomOperation operation, string? email = null)
    {
        if (error.Kind == ZoomErrorKind.Api && error.Code == ZoomError.ValidationFailed && error.FieldErrors.Count > 0)
            return error.FieldErrors.Select(f => FieldError(f, operation)).ToList();
        return [ToError(error, operation, email)];
    }

    public static Error ToError(ZoomError error, ZoomOperation operation, string? email = null)
    {
        var who = email is null ? "" : " " + email;
        switch (error.Kind)
        {
            case ZoomErrorKind.Authentication:
                return Error.Upstream(ProviderErrorCodes.AuthFailed,
                    "Zoom rechazó las credenciales (client_id/client_secret) de la app Server-to-Server OAuth. Revisá Zoom:AccountId, " +
                    "Zoom:ClientId y Zoom:ClientSecret en la configuración y que la app esté activada en Zoom App Marketplace." + Tracking(error));
            case ZoomErrorKind.DailyLimit:
                return new Error(ErrorKind.RateLimited, ProviderErrorCodes.DailyLimit,
                    "Se alcanzó el límite diario de llamadas a Zoom de la cuenta" + Until(error.RetryAt) +
                    ". El trabajo queda pausado y puede retomarse después de esa hora.", RetryAt: error.RetryAt);
            case ZoomErrorKind.RateLimited:
                return new Error(ErrorKind.RateLimited, ProviderErrorCodes.RateLimited,
                    "Zoom está limitando la cantidad de llamadas por segundo y no respondió después de los reintentos. Probá de nuevo más tarde" +
                    Until(error.RetryAt) + ".", RetryAt: error.RetryAt);
            case ZoomErrorKind.Unavailable:
                return Error.Upstream(ProviderErrorCodes.Unavailable,
                    "Zoom no está disponible en este momento (error del servidor o de red) y los reintentos se agotaron. Probá de nuevo en unos minutos." + Tracking(error));
            case ZoomErrorKind.Timeout:
                return Error.Upstream(ProviderErrorCodes.Unavailable,
                    "Zoom no respondió a tiempo. Probá de nuevo en unos minutos; si la operación era una creación, verificá la cuenta antes de repetirla." + Tracking(error));
            case ZoomErrorKind.Api:
                break;
        }

        if (operation is ZoomOperation.History or ZoomOperation.Recordings && HistoryError(error, operation) is { } history) return history;

        return error.Code switch
        {
            1005 => Error.Conflict(ProviderErrorCodes.EmailTaken,
                $"El correo{who} ya tiene una cuenta de Zoom. Si la persona se registró por su cuenta con ese correo, pedile que lo cambie o " +
                "asociá esa cuenta a la de la institución desde el portal de Zoom.", "email"),
            1009 => Error.Conflict(ProviderErrorCodes.EmailActiveElsewhere,
                $"El correo{who} ya tiene una cuenta activa en otra cuenta de Zoom (no la de la institución). Hay que liberarla allí o usar otro correo.", "email"),
            1001 or 1120 => Error.NotFound(ProviderErrorCodes.UserNotFound,
                $"La cuenta{who} no existe en Zoom o no pertenece a la cuenta de la institución (si estaba pendiente, la invitación pudo vencer)."),
            >= 1124 and <= 1136 => Error.Validation(ProviderErrorCodes.PasswordRejected,
                "Zoom rechazó la contraseña de la cuenta porque no cumple su política (largo, letras y números, sin repetir contraseñas anteriores ni datos de la cuenta).", "password"),
            1116 => Error.Validation(ProviderErrorCodes.DomainNotManaged,
                $"El dominio del correo{who} no es un dominio administrado de la cuenta de Zoom; usá un correo de un dominio administrado o el alta por invitación.", "email"),
            200 when operation is ZoomOperation.CreateUser or ZoomOperation.ChangeLicense => Error.Forbidden(ProviderErrorCodes.NoLicense,
                "Zoom no permite esta operación con las licencias disponibles: puede que no queden licencias libres o que el plan no lo permita. Revisá las licencias en uso."),
            200 or 1000 or 1010 or 1107 or 1108 or 1117 or 1123 or 4700 => Error.Forbidden(ProviderErrorCodes.NotAllowed,
                "Zoom no permite esta operación para esta cuenta en su estado actual (por ejemplo: cuenta pendiente de activación, administrador, " +
                "o falta un permiso de la app)." + Code(error)),
            ZoomError.ValidationFailed when operation == ZoomOperation.SetPasscode => Error.Validation(ProviderErrorCodes.PasscodeRejected,
                "Zoom rechazó la contraseña de alumno: usá hasta 10 caracteres entre letras, números y @ - _ * y respetá los requisitos de la cuenta.", "passcode"),
            ZoomError.ValidationFailed when operation == ZoomOperation.SetPassword => Error.Validation(ProviderErrorCodes.PasswordRejected,
                "Zoom rechazó la contraseña de la cuenta porque no cumple su política.", "password"),
            ZoomError.ValidationFailed => Error.Validation(ProviderErrorCodes.InvalidField,
                "Zoom rechazó los datos enviados por inválidos." + Code(error)),
            ZoomError.InvalidAccessToken => Error.Upstream(ProviderErrorCodes.AuthFailed,
                "Zoom no aceptó el token de acceso de la app aun después de renovarlo. Revisá que la app Server-to-Server OAuth siga activada." + Tracking(error)),
            _ when error.Status == System.Net.HttpStatusCode.Conflict => Error.Conflict(ProviderErrorCodes.EmailTaken,
                $"El correo{who} ya tiene una cuenta de Zoom.", "email"),
            _ when error.Status == System.Net.HttpStatusCode.NotFound => Error.NotFound(ProviderErrorCodes.UserNotFound,
                $"Zoom no encontró el recurso pedido{who}."),
            _ => Error.Upstream(ProviderErrorCodes.Other,
                "Zoom respondió con un error inesperado" + Code(error) + "." + Tracking(error)),
        };
    }

    private static Error? HistoryError(ZoomError error, ZoomOperation operation) => error.Code switch
    {
        ZoomError.ValidationFailed => Error.Validation(ProviderErrorCodes.PageExpired,
            "La página de resultados venció (Zoom guarda la posición 15 minutos) o el período no es válido para Zoom. Volvé a la primera página."),
        3001 => Error.NotFound(ProviderErrorCodes.MeetingNotFound,
            "Zoom no encuentra esa reunión: puede no haber terminado todavía o ser demasiado antigua para su historial."),
        3301 => Error.NotFound(ProviderErrorCodes.RecordingNotFound,
            "Zoom ya no tiene esa grabación (puede haber sido borrada o estar en la papelera)."),
        12702 => Error.Validation(ProviderErrorCodes.TooOld, "Zoom no permite consultar reuniones de hace más de un año."),
        200 or 4700 => Error.Forbidden(ProviderErrorCodes.NotAllowed, operation == ZoomOperation.History
            ? "Zoom no permite leer el historial de reuniones: requiere un plan pago y el permiso report:read:admin de la app." + Code(error)
            : "Zoom no permite leer las grabaciones: requiere grabación en la nube y el permiso recording:read:admin de la app." + Code(error)),
        _ when error.Status == System.Net.HttpStatusCode.RequestedRangeNotSatisfiable => Error.Validation(ProviderErrorCodes.RangeNotSatisfiable,
            "La parte del archivo pedida no existe (rango fuera del tamaño de la grabación)."),
        _ => null,
    };

    private static Error FieldError(ZoomFieldError field, ZoomOperation operation)
    {
        var name = FieldName(field.Field);
        if (name == "password")
        {
            return operation == ZoomOperation.SetPasscode
                ? Error.Validation(ProviderErrorCodes.PasscodeRejected, "Zoom rechazó la contraseña de alumno por inválida.", "passcode")
                : Error.Validation(ProviderErrorCodes.PasswordRejected, "Zoom rechazó la contraseña de la cuenta porque no cumple su política.", "password");
        }
        if (name is "pmi_password")
            return Error.Validation(ProviderErrorCodes.PasscodeRejected,
                "Zoom rechazó la contraseña de alumno: usá hasta 10 caracteres entre letras, números y @ - _ * y respetá los requisitos de la cuenta.", "passcode");
        var label = name switch
        {
            "email" => "el correo electrónico",
            "first_name" => "el nombre",
            "last_name" => "el apellido",
            "type" => "el tipo de licencia",
            "timezone" => "la zona horaria",
            _ => $"el campo «{name}»",
        };
        return Error.Validation(ProviderErrorCodes.InvalidField, $"Zoom rechazó {label} por inválido. Revisá el dato e intentá de nuevo.", name);
    }

    /// <summary>"user_info.email" → "email".</summary>
    internal static string FieldName(string zoomField)
    {
        var dot = zoomField.LastIndexOf('.');
        return dot >= 0 ? zoomField[(dot + 1)..] : zoomField;
    }

    private static string Until(DateTimeOffset? at) => at is { } value
        ? " (se puede volver a intentar desde el " + value.ToUniversalTime().ToString("dd/MM/yyyy HH:mm", EsAr) + " UTC)"
        : "";

    private static string Code(ZoomError error) => error.Code is { } code
        ? string.Create(EsAr, $" (código de Zoom {code}, HTTP {(int?)error.Status})")
        : string.Create(EsAr, $" (HTTP {(int?)error.Status})");

    private static string Tracking(ZoomError error) => error.TrackingId is { } id ? " Código de seguimiento de Zoom: " + id + "." : "";
}
