using System.Text.Json;

namespace Aulario.ZoomSandbox.Tests.Infrastructure;

/// <summary>
/// Zoom's official Swagger 2.0 description (zoom/api openapi.v2.json, 2018), read with System.Text.Json:
/// which operations exist and which JSON field paths ("users[].email") their schemas define.
/// </summary>
public sealed class SwaggerSpec
{
    private readonly JsonElement _root;

    private SwaggerSpec(JsonElement root) => _root = root;

    public static SwaggerSpec Load()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "contracts", "zoom-api-openapi.v2.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var root = doc.RootElement.Clone();
        Assert.Equal("2.0", root.GetProperty("swagger").GetString());
        Assert.Equal("/v2", root.GetProperty("basePath").GetString());
        return new SwaggerSpec(root);
    }

    public bool HasOperation(string path, string method) =>
        _root.GetProperty("paths").TryGetProperty(path, out var item) && item.TryGetProperty(method.ToLowerInvariant(), out _);

    public IReadOnlySet<int> ResponseStatuses(string path, string method) =>
        Operation(path, method).GetProperty("responses").EnumerateObject().Select(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    public IReadOnlySet<string> ResponseFields(string path, string method, int status)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        if (Operation(path, method).GetProperty("responses").TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
            && response.TryGetProperty("schema", out var schema))
            Collect(schema, "", fields, 0);
        return fields;
    }

    public IReadOnlySet<string> BodyFields(string path, string method)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        if (Operation(path, method).TryGetProperty("parameters", out var parameters))
        {
            foreach (var p in parameters.EnumerateArray())
            {
                if (p.TryGetProperty("in", out var where) && where.GetString() == "body") Collect(p.GetProperty("schema"), "", fields, 0);
            }
        }
        return fields;
    }

    private JsonElement Operation(string path, string method) => _root.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());

    private void Collect(JsonElement schema, string prefix, HashSet<string> fields, int depth)
    {
        if (depth > 20) return;
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            Collect(_root.GetProperty("definitions").GetProperty(name), prefix, fields, depth + 1);
            return;
        }
        if (schema.TryGetProperty("allOf", out var all))
            foreach (var part in all.EnumerateArray()) Collect(part, prefix, fields, depth + 1);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var p in properties.EnumerateObject())
            {
                var path = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
                fields.Add(path);
                Collect(p.Value, path, fields, depth + 1);
            }
        }
        if (schema.TryGetProperty("items", out var items)) Collect(items, prefix + "[]", fields, depth + 1);
    }

    /// <summary>Every field path of an actual JSON document, in the same notation.</summary>
    public static IReadOnlySet<string> FieldsOf(JsonElement json)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        Walk(json, "", fields);
        return fields;
    }

    private static void Walk(JsonElement e, string prefix, HashSet<string> fields)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    var path = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
                    fields.Add(path);
                    Walk(p.Value, path, fields);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray()) Walk(item, prefix + "[]", fields);
                break;
            default:
                break;
        }
    }
}
