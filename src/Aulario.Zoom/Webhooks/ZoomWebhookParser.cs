using System.Text.Json.Nodes;
using Aulario.Core.Accounts;

namespace Aulario.Zoom.Webhooks;

/// <summary>Reads Zoom's webhook envelope {event, event_ts, payload{account_id, object{…}, old_object?}} into a provider-neutral event.</summary>
public static class ZoomWebhookParser
{
    public static string? EventName(JsonNode? root) => root?["event"]?.GetValue<string>();

    public static ProviderUserEvent? ParseUserEvent(JsonNode? root)
    {
        var name = EventName(root);
        if (name is null || !name.StartsWith("user.", StringComparison.Ordinal)) return null;
        var obj = root?["payload"]?["object"] as JsonObject;
        string? Str(string key) => obj?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        int? Int(string key) => obj?[key] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
        var kind = name switch
        {
            "user.created" => ProviderUserEventKind.Created,
            "user.activated" => ProviderUserEventKind.Activated,
            "user.invitation_accepted" => ProviderUserEventKind.InvitationAccepted,
            "user.deactivated" => ProviderUserEventKind.Deactivated,
            "user.deleted" or "user.disassociated" => ProviderUserEventKind.Deleted,
            "user.updated" => ProviderUserEventKind.Updated,
            _ => ProviderUserEventKind.Other,
        };
        LicenseType? license = Int("type") switch { 1 => LicenseType.Basic, 2 => LicenseType.Licensed, _ => null };
        return new ProviderUserEvent(kind, Str("id"), Str("email"), Str("first_name"), Str("last_name"), license);
    }
}
