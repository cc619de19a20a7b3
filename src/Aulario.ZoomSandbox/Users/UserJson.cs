using Aulario.ZoomSandbox.Api;
using Aulario.ZoomSandbox.Settings;

namespace Aulario.ZoomSandbox.Users;

/// <summary>The user JSON Zoom returns (field names as in the Users API; see zoom-api.md §2.2–2.3).</summary>
internal static class UserJson
{
    public static object ListItem(SandboxUser u) => new
    {
        id = u.Id, email = u.Email, first_name = u.FirstName, last_name = u.LastName, display_name = u.DisplayName, type = u.Type,
        pmi = u.Pmi, timezone = u.Timezone, verified = u.Status == "active" ? 1 : 0, dept = u.Dept ?? "",
        created_at = ZoomResults.Iso(u.CreatedAt), user_created_at = ZoomResults.Iso(u.CreatedAt),
        last_login_time = u.LastLoginTime is { } l ? ZoomResults.Iso(l) : null,
        status = u.Status, role_id = "2",
    };

    public static object Full(SandboxUser u, Uri baseUrl, string accountId) => new
    {
        id = u.Id, first_name = u.FirstName, last_name = u.LastName, display_name = u.DisplayName, email = u.Email, type = u.Type,
        role_name = "Member", pmi = u.Pmi, use_pmi = false, personal_meeting_url = JoinLinks.For(u, baseUrl), timezone = u.Timezone,
        verified = u.Status == "active" ? 1 : 0, dept = u.Dept ?? "", created_at = ZoomResults.Iso(u.CreatedAt), user_created_at = ZoomResults.Iso(u.CreatedAt),
        last_login_time = u.LastLoginTime is { } l ? ZoomResults.Iso(l) : null, pic_url = "", language = u.Language, status = u.Status, role_id = "2",
        account_id = accountId, login_types = new[] { u.LoginType }, cluster = "us06", jid = u.Id.ToLowerInvariant() + "@xmpp.zoom.us",
    };

    /// <summary>The object of user.* webhook events.</summary>
    public static System.Text.Json.Nodes.JsonObject Event(SandboxUser u) => new()
    {
        ["id"] = u.Id, ["email"] = u.Email, ["first_name"] = u.FirstName, ["last_name"] = u.LastName, ["display_name"] = u.DisplayName, ["type"] = u.Type,
    };
}
