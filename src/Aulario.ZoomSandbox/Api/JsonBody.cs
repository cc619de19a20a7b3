using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Api;

/// <summary>Reads a request's JSON body leniently, the way Zoom accepts numbers sent as strings.</summary>
internal static class JsonBody
{
    public static async Task<JsonObject?> ReadAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static string? String(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static int? Int(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i
        : o?[name] is JsonValue s && s.TryGetValue<string>(out var t) && int.TryParse(t, CultureInfo.InvariantCulture, out var p) ? p : null;

    public static long? Long(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<long>(out var i) ? i
        : o?[name] is JsonValue s && s.TryGetValue<string>(out var t) && long.TryParse(t, CultureInfo.InvariantCulture, out var p) ? p : null;

    public static bool? Bool(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>True when the member is present but is not a string (Zoom answers 300 for wrong types).</summary>
    public static bool WrongType(JsonObject? o, string name) =>
        o is not null && o.ContainsKey(name) && !(o[name] is JsonValue v && v.TryGetValue<string>(out _));
}
