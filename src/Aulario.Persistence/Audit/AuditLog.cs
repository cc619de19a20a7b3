using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Aulario.Core.Audit;

namespace Aulario.Persistence.Audit;

/// <summary>
/// Adds audit entries to the same unit of work as the change they describe (saved together or not at all).
/// Properties whose names look secret (password, passcode, secret, token, connection) are dropped from before/after.
/// </summary>
public sealed class AuditLog(AularioDbContext db, TimeProvider time) : IAuditLog
{
    private static readonly string[] SecretWords = ["password", "passcode", "secret", "token", "connection", "protected"];

    /// <summary>Keeps accents readable ("Pérez", not "P\u00e9rez") while still escaping HTML-sensitive characters.</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public void Record(Actor actor, string action, string target, object? before = null, object? after = null, Guid? portalId = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor.Name,
            ActingAs = actor.ActingAs,
            PortalId = portalId,
            Action = action,
            Target = target,
            Before = Serialize(before),
            After = Serialize(after),
        });
    }

    internal static string? Serialize(object? value)
    {
        if (value is null) return null;
        var node = JsonSerializer.SerializeToNode(value, value.GetType(), Json);
        Scrub(node);
        return node?.ToJsonString(Json);
    }

    private static void Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase))
                        && !key.EndsWith("Configured", StringComparison.Ordinal))
                        obj.Remove(key);
                    else
                        Scrub(obj[key]);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Scrub(item);
                break;
        }
    }
}
