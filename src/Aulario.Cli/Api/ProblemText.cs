using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Aulario.Cli.Api;

/// <summary>Turns an error response (ProblemDetails from the server, already in Spanish) into the text printed on stderr.</summary>
public static class ProblemText
{
    public static string Describe(HttpStatusCode status, string body)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder(Prefix(status));
        if (TryParse(body, out var problem))
        {
            if (Str(problem, "title") is { } title) text.Append(' ').Append(title);
            if (Str(problem, "detail") is { } detail) text.Append(' ').Append(detail);
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                foreach (var field in errors.EnumerateObject())
                    foreach (var message in field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray() : Enumerable.Empty<JsonElement>())
                        text.AppendLine().Append("  - ").Append(field.Name.Length > 0 ? field.Name + ": " : "").Append(message.GetString());
            if (Str(problem, "code") is { } errorCode) text.AppendLine().Append("  (código ").Append(errorCode).Append(", HTTP ").Append(code).Append(')');
            else text.Append(" (HTTP ").Append(code).Append(')');
        }
        else
        {
            text.Append(" El servidor respondió HTTP ").Append(code).Append('.');
        }
        return text.ToString();
    }

    private static string Prefix(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Autenticación rechazada: revise el token (puede estar revocado).",
        HttpStatusCode.Forbidden => "Permiso denegado:",
        HttpStatusCode.NotFound => "No encontrado:",
        HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => "Datos no válidos:",
        HttpStatusCode.Conflict => "Conflicto:",
        HttpStatusCode.TooManyRequests => "Demasiadas solicitudes; intente más tarde:",
        _ when (int)status >= 500 => "Error del servidor:",
        _ => "Error:",
    };

    private static bool TryParse(string body, out JsonElement problem)
    {
        problem = default;
        if (string.IsNullOrWhiteSpace(body)) return false;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return false;
            problem = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
