using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Api;

/// <summary>Zoom's response shapes: snake_case JSON, error body {code, message[, errors]}.</summary>
internal static class ZoomResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        // Zoom sends non-ASCII text as raw UTF-8 ("María"), not as \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static IResult Ok(object body, int status = 200) => Results.Json(body, Json, statusCode: status);

    public static IResult Error(int status, int code, string message) =>
        Results.Json(new { code, message }, Json, statusCode: status);

    /// <summary>400 {"code":300,"message":"Validation Failed.","errors":[{"field","message"}]}.</summary>
    public static IResult Validation(params (string Field, string Message)[] errors) =>
        Results.Json(new { code = 300, message = "Validation Failed.", errors = errors.Select(e => new { field = e.Field, message = e.Message }) }, Json, statusCode: 400);

    public static IResult UserNotFound(string userId) => Error(404, 1001, $"User does not exist: {userId}.");

    public static IResult InvalidBody() => Error(400, 300, "Request Body should be a valid JSON object.");

    /// <summary>Zoom's date-time format: ISO-8601 UTC without fractions.</summary>
    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
