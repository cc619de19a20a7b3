using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Aulario.Cli.Api;

/// <summary>--json output (indented, UTF-8 as is) and reading loosely-typed API fields for tables.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(CliConsole console, JsonElement value) => console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>The first of <paramref name="names"/> present on <paramref name="item"/>, as text (case-insensitive).</summary>
    public static string? Field(JsonElement item, params string[] names)
    {
        if (item.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in names)
            foreach (var p in item.EnumerateObject())
                if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                    return p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString(),
                        JsonValueKind.Number => p.Value.GetRawText(),
                        JsonValueKind.True => "sí",
                        JsonValueKind.False => "no",
                        _ => null,
                    };
        return null;
    }

    public static int Int(JsonElement item, params string[] names) =>
        int.TryParse(Field(item, names), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>The list in a response: the array itself, or its "items" property.</summary>
    public static IReadOnlyList<JsonElement> Items(JsonElement response) =>
        response.ValueKind == JsonValueKind.Array ? response.EnumerateArray().ToList()
        : response.ValueKind == JsonValueKind.Object && response.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().ToList()
            : [];

    /// <summary>A date from the API shown in Argentina's time, or "—".</summary>
    public static string Date(string? iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at.ToOffset(TimeSpan.FromHours(-3)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "—";

    public static string Cell(string? text) => Markup.Escape(string.IsNullOrEmpty(text) ? "—" : text);
}
