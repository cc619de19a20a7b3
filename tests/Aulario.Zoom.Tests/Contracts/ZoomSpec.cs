using System.Text.Json;
using System.Text.RegularExpressions;

namespace Aulario.Zoom.Tests.Contracts;

/// <summary>One operation of the published specs: method + path template, its query parameters and request body fields (when known).</summary>
public sealed record SpecOperation(string Source, string Method, string Template, Regex Pattern, IReadOnlySet<string>? QueryNames, IReadOnlySet<string>? BodyFields);

/// <summary>
/// The Zoom specs in tests/contracts/zoom-openapi: the official 2018 Swagger (Users, settings, assistants, recordings, report)
/// and the index of the 2024 "Zoom Meeting API" OpenAPI (Konfig copy), which has meetings, past meetings, recordings, reports.
/// </summary>
public static class ZoomSpec
{
    public static IReadOnlyList<SpecOperation> Load()
    {
        var dir = FindContractsDir();
        var ops = new List<SpecOperation>();
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "zoom-api-openapi.v2.json"))))
        {
            var root = doc.RootElement;
            foreach (var path in root.GetProperty("paths").EnumerateObject())
            {
                foreach (var op in path.Value.EnumerateObject())
                {
                    if (op.Name == "parameters") continue;
                    var query = new HashSet<string>(StringComparer.Ordinal);
                    HashSet<string>? body = null;
                    if (op.Value.TryGetProperty("parameters", out var parameters))
                    {
                        foreach (var raw in parameters.EnumerateArray())
                        {
                            var p = Resolve(root, raw);
                            var where = p.GetProperty("in").GetString();
                            if (where == "query") query.Add(p.GetProperty("name").GetString()!);
                            if (where == "body") body = [.. Fields(root, p.GetProperty("schema"), "")];
                        }
                    }
                    ops.Add(new SpecOperation("zoom-api-openapi.v2.json", op.Name.ToUpperInvariant(), path.Name, PatternOf(path.Name), query, body));
                }
            }
        }
        foreach (var line in File.ReadLines(Path.Combine(dir, "zoom-meeting-api.endpoint-index.tsv")).Skip(1))
        {
            var cols = line.Split('\t');
            if (cols.Length < 2) continue;
            ops.Add(new SpecOperation("zoom-meeting-api.endpoint-index.tsv", cols[0], cols[1], PatternOf(cols[1]), null, null));
        }
        return ops;
    }

    /// <summary>Flattened property paths of a schema: "user_info.email", "assistants[].id".</summary>
    public static IEnumerable<string> Fields(JsonElement root, JsonElement schema, string prefix)
    {
        schema = Resolve(root, schema);
        if (schema.TryGetProperty("allOf", out var allOf))
            foreach (var part in allOf.EnumerateArray())
                foreach (var f in Fields(root, part, prefix)) yield return f;
        if (schema.TryGetProperty("properties", out var props))
        {
            foreach (var p in props.EnumerateObject())
            {
                var name = prefix + p.Name;
                yield return name;
                var child = Resolve(root, p.Value);
                if (child.TryGetProperty("items", out var items))
                    foreach (var f in Fields(root, items, name + "[].")) yield return f;
                else
                    foreach (var f in Fields(root, child, name + ".")) yield return f;
            }
        }
    }

    private static JsonElement Resolve(JsonElement root, JsonElement element)
    {
        while (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference))
        {
            var parts = reference.GetString()!.TrimStart('#', '/').Split('/');
            element = parts.Aggregate(root, (node, part) => node.GetProperty(part));
        }
        return element;
    }

    private static Regex PatternOf(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^/]+?\}", "[^/]+") + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string FindContractsDir()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "contracts", "zoom-openapi");
        if (File.Exists(Path.Combine(copied, "zoom-api-openapi.v2.json"))) return copied;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "contracts", "zoom-openapi");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/contracts/zoom-openapi not found above " + AppContext.BaseDirectory);
    }
}
