using System.Globalization;
using System.Text.Json.Nodes;

namespace Aulario.ZoomSandbox.Faults;

/// <summary>Reads scripted faults from JSON with camelCase or snake_case names (a single object or an array).</summary>
internal static class ScriptedFaultReader
{
    public static List<ScriptedFault>? Read(JsonNode? node)
    {
        var items = node switch
        {
            JsonArray array => array.ToList(),
            JsonObject obj => [obj],
            _ => null,
        };
        if (items is null) return null;
        var faults = new List<ScriptedFault>();
        foreach (var item in items)
        {
            if (item is not JsonObject o) return null;
            var fault = new ScriptedFault();
            foreach (var (key, value) in o)
            {
                if (value is not JsonValue v) continue;
                switch (key.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant())
                {
                    case "status": fault.Status = v.TryGetValue<int>(out var s) ? s : int.Parse(v.ToString(), CultureInfo.InvariantCulture); break;
                    case "type": fault.Type = v.ToString(); break;
                    case "retryafter": fault.RetryAfter = v.ToString(); break;
                    case "retryafterdate": fault.RetryAfterDate = v.TryGetValue<bool>(out var b) && b; break;
                    case "delay": fault.Delay = v.TryGetValue<double>(out var ms) ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Parse(v.ToString(), CultureInfo.InvariantCulture); break;
                    case "pathprefix": fault.PathPrefix = v.ToString(); break;
                    case "method": fault.Method = v.ToString(); break;
                    default: break;
                }
            }
            faults.Add(fault);
        }
        return faults;
    }
}
