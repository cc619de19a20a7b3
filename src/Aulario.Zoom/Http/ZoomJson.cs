using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aulario.Zoom.Http;

/// <summary>JSON conventions of Zoom: snake_case names, nulls omitted on writes, unknown enum values read as the enum's 0 value.</summary>
internal static class ZoomJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new TolerantEnumConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Enums as strings (snake_case or <see cref="JsonStringEnumMemberNameAttribute"/>); numbers pass as numbers; unknown values become 0.</summary>
internal sealed class TolerantEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(TolerantEnumConverter<>).MakeGenericType(typeToConvert))!;
}

internal sealed class TolerantEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    private static readonly ConcurrentDictionary<T, string> Names = new();
    private static readonly Dictionary<string, T> Values = BuildValues();
    private static readonly bool Numeric = typeof(T).GetCustomAttribute<ZoomNumericEnumAttribute>() is not null;

    private static Dictionary<string, T> BuildValues()
    {
        var map = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var value = (T)field.GetValue(null)!;
            var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(field.Name);
            map[name] = value;
            map.TryAdd(field.Name, value);
            Names[value] = name;
        }
        return map;
    }

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
            return (T)Enum.ToObject(typeof(T), number);
        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } text)
            return Values.TryGetValue(text, out var value) ? value : default;
        return default;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (Numeric) writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        else writer.WriteStringValue(Names.TryGetValue(value, out var name) ? name : JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()));
    }
}

/// <summary>The enum travels as its number (e.g. user <c>type</c>).</summary>
[AttributeUsage(AttributeTargets.Enum)]
internal sealed class ZoomNumericEnumAttribute : Attribute;
