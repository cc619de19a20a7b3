using System.Globalization;
using System.Text.Json.Nodes;
using Aulario.ZoomSandbox.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Features;

/// <summary>/v2/users: create (create, autoCreate, ssoCreate), list with next_page_token, get, update, status, password, delete.</summary>
internal static class UserEndpoints
{
    public static void Map(WebApplication app)
    {
        var users = app.MapGroup("/v2/users");
        users.MapPost("", CreateAsync).WithMetadata(ZoomLabel.Light);
        users.MapGet("", List).WithMetadata(ZoomLabel.Medium);
        users.MapGet("/summary", Summary).WithMetadata(ZoomLabel.Light);
        users.MapGet("/email", (string? email, SandboxState state) =>
            ZoomResults.Ok(new { existed_email = email is not null && state.Find(email) is not null })).WithMetadata(ZoomLabel.Light);
        users.MapGet("/{userId}", Get).WithMetadata(ZoomLabel.Light);
        users.MapPatch("/{userId}", UpdateAsync).WithMetadata(ZoomLabel.Light);
        users.MapPut("/{userId}/status", StatusAsync).WithMetadata(ZoomLabel.Light);
        users.MapPut("/{userId}/password", PasswordAsync).WithMetadata(ZoomLabel.Medium);
        users.MapDelete("/{userId}", Delete).WithMetadata(ZoomLabel.Light);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, SandboxState state, ZoomSandboxOptions options, SandboxLimits limits,
        SandboxContext context, WebhookSender webhooks, TimeProvider time)
    {
        var body = await Body.ReadAsync(request);
        if (body is null) return ZoomResults.Error(400, 300, "Request Body should be a valid JSON object.");
        var action = body["action"]?.GetValue<string>();
        var info = body["user_info"] as JsonObject;
        var errors = new List<(string, string)>();
        if (action is not ("create" or "autoCreate" or "custCreate" or "ssoCreate")) errors.Add(("action", "Invalid field."));
        if (info is null) errors.Add(("user_info", "Required field."));
        var email = Body.String(info, "email");
        var first = Body.String(info, "first_name") ?? "";
        var last = Body.String(info, "last_name") ?? "";
        var type = Body.Int(info, "type");
        if (info is not null && !Rules.IsEmail(email)) errors.Add(("user_info.email", "Invalid field."));
        if (info is not null && type is not (1 or 2 or 4 or 99)) errors.Add(("user_info.type", "Invalid field."));
        if (first.Length > 64) errors.Add(("user_info.first_name", "Invalid field."));
        if (last.Length > 64) errors.Add(("user_info.last_name", "Invalid field."));
        if (errors.Count > 0) return ZoomResults.Validation([.. errors]);
        if (type == 99 && action != "ssoCreate") return ZoomResults.Validation(("user_info.type", "Invalid field."));
        if (action == "custCreate") return ZoomResults.Error(400, 2002, "Your account has not enabled the custCreate option. Contact Zoom sales.");

        if (email is null) return ZoomResults.Validation(("user_info.email", "Required field."));
        var domain = email[(email.LastIndexOf('@') + 1)..];
        if (action == "autoCreate" && !options.ManagedDomains.Any(d => string.Equals(d.TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase)))
            return ZoomResults.Error(400, 1116, $"Email domain {domain} does not match the account's managed domains.");
        string? passwordHash = null;
        if (action == "autoCreate")
        {
            if (Rules.Password(Body.String(info, "password")) is { } bad) return ZoomResults.Error(400, bad.Code, bad.Message);
            passwordHash = SandboxState.HashPassword(Body.String(info, "password")!);
        }
        if (state.ForeignEmails.Contains(email)) return ZoomResults.Error(409, 1009, $"The user {email} already holds an active account.");
        if (state.Find(email) is not null) return ZoomResults.Error(409, 1005, $"Email {email} has already been used.");
        if (action == "create")
        {
            var cap = limits.CheckCreate();
            if (!cap.Allowed)
            {
                request.HttpContext.Response.Headers["X-RateLimit-Type"] = "Daily-limit";
                request.HttpContext.Response.Headers.RetryAfter = cap.DailyReset!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                Interlocked.Increment(ref state.Stats.Daily429);
                return ZoomResults.Error(429, 429, "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.");
            }
        }

        var now = time.GetUtcNow();
        var user = state.Add(email, first, last, type!.Value == 99 ? 1 : type.Value, action == "create" ? "pending" : "active", now);
        user.PasswordHash = passwordHash;
        user.LoginType = action == "ssoCreate" ? 101 : 100;
        user.PmiPassword = Passcodes.Generate(user.Requirement);
        state.Stats.UsersCreatedByEmail.AddOrUpdate(user.Email, 1, (_, n) => n + 1);
        Writes.Count(state, user.Id);
        if (action == "create")
        {
            user.ActivationToken = SandboxState.NewId() + SandboxState.NewId();
            user.InvitationExpiresAt = now.AddDays(30);
            var url = new Uri(context.BaseUrl, $"_sandbox/activate/{user.ActivationToken}").ToString();
            state.Mailbox.Enqueue(new SandboxMail(SandboxState.NewId(), user.Email, "Activá tu cuenta de Zoom", url, now,
                $"Hola {first}: tu administrador te agregó a la cuenta de Zoom. Hacé clic en «Activar su cuenta de Zoom»: {url}"));
        }
        webhooks.Send("user.created", new JsonObject
        {
            ["id"] = user.Id, ["email"] = user.Email, ["first_name"] = user.FirstName, ["last_name"] = user.LastName, ["type"] = user.Type,
        }, extra: new JsonObject { ["creation_type"] = action });
        return ZoomResults.Ok(new { id = user.Id, email = user.Email, first_name = user.FirstName, last_name = user.LastName, type = user.Type }, 201);
    }

    private static IResult List(HttpRequest request, SandboxState state, TimeProvider time)
    {
        var q = request.Query;
        var status = q["status"].FirstOrDefault() ?? "active";
        if (status is not ("active" or "inactive" or "pending")) return ZoomResults.Validation(("status", "Invalid field."));
        var pageSize = 30;
        if (q["page_size"].FirstOrDefault() is { } ps && (!int.TryParse(ps, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1))
            return ZoomResults.Validation(("page_size", "Invalid field."));
        pageSize = Math.Min(pageSize, 300);
        var position = 0;
        if (q["next_page_token"].FirstOrDefault() is { Length: > 0 } tokenText)
        {
            if (!state.PageTokens.TryGetValue(tokenText, out var token) || token.Expires <= time.GetUtcNow() || token.Status != status)
                return ZoomResults.Error(400, 300, "The next page token is invalid or expired.");
            position = token.Position;
        }
        var all = state.Users.Where(u => u.Status == status).ToList();
        var page = all.Skip(position).Take(pageSize).ToList();
        string next = "";
        if (position + page.Count < all.Count)
        {
            next = SandboxState.NewId();
            state.PageTokens[next] = (status, position + page.Count, pageSize, time.GetUtcNow().AddMinutes(15));
        }
        return ZoomResults.Ok(new
        {
            next_page_token = next,
            page_count = (all.Count + pageSize - 1) / pageSize,
            page_number = position / pageSize + 1,
            page_size = pageSize,
            total_records = all.Count,
            users = page.Select(u => Json.ListItem(u, state)),
        });
    }

    private static IResult Summary(SandboxState state)
    {
        var users = state.Users;
        return ZoomResults.Ok(new
        {
            licensed_users_count = users.Count(u => u.Type == 2 && u.Status == "active"),
            basic_users_count = users.Count(u => u.Type == 1 && u.Status == "active"),
            on_prem_users_count = 0,
            room_users_count = 0,
            pending_users_count = users.Count(u => u.Status == "pending"),
            join_only_users_count = 0,
            total_users_count = users.Count,
        });
    }

    private static IResult Get(string userId, SandboxState state, SandboxContext context, TimeProvider time)
    {
        var user = state.Find(userId);
        if (user is null) return ZoomResults.UserNotFound(userId);
        if (user.Status == "pending" && user.InvitationExpiresAt <= time.GetUtcNow())
            return ZoomResults.Error(404, 1120, "A valid invitation to join the Zoom account was not found for this user.");
        return ZoomResults.Ok(Json.Full(user, context.BaseUrl));
    }

    private static async Task<IResult> UpdateAsync(string userId, HttpRequest request, SandboxState state, WebhookSender webhooks)
    {
        var user = state.Find(userId);
        if (user is null) return ZoomResults.UserNotFound(userId);
        var body = await Body.ReadAsync(request);
        if (body is null) return ZoomResults.Error(400, 300, "Request Body should be a valid JSON object.");
        var errors = new List<(string, string)>();
        var first = Body.String(body, "first_name");
        var last = Body.String(body, "last_name");
        var type = Body.Int(body, "type");
        var timezone = Body.String(body, "timezone");
        var dept = Body.String(body, "dept");
        if (first is { Length: > 64 }) errors.Add(("first_name", "Invalid field."));
        if (last is { Length: > 64 }) errors.Add(("last_name", "Invalid field."));
        if (body.ContainsKey("type") && type is not (1 or 2)) errors.Add(("type", "Invalid field."));
        if (timezone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out _)) errors.Add(("timezone", "Invalid field."));
        if (errors.Count > 0) return ZoomResults.Validation([.. errors]);
        if (user.Status == "inactive" && type is not null) return ZoomResults.Error(400, 1000, "Can not update a deactivated user's license.");
        var old = new JsonObject();
        lock (state.Gate)
        {
            if (first is not null) { old["first_name"] = user.FirstName; user.FirstName = first; }
            if (last is not null) { old["last_name"] = user.LastName; user.LastName = last; }
            if (type is not null) { old["type"] = user.Type; user.Type = type.Value; }
            if (timezone is not null) { old["timezone"] = user.Timezone; user.Timezone = timezone; }
            if (dept is not null) { old["dept"] = user.Dept; user.Dept = dept; }
        }
        Writes.Count(state, user.Id);
        var changed = new JsonObject { ["id"] = user.Id };
        foreach (var key in old.Select(k => k.Key)) changed[key] = Body.Clone(body[key]);
        webhooks.Send("user.updated", changed, oldObject: old);
        return Results.NoContent();
    }

    private static async Task<IResult> StatusAsync(string userId, HttpRequest request, SandboxState state, WebhookSender webhooks)
    {
        var user = state.Find(userId);
        if (user is null) return ZoomResults.UserNotFound(userId);
        var body = await Body.ReadAsync(request);
        var action = Body.String(body, "action");
        if (action is not ("activate" or "deactivate")) return ZoomResults.Validation(("action", "Invalid field."));
        if (user.Status == "pending") return ZoomResults.Error(400, 1000, "Can not activate or deactivate a pending user.");
        lock (state.Gate)
        {
            if (action == "deactivate") { user.Status = "inactive"; user.Type = 1; }
            else user.Status = "active";
        }
        Writes.Count(state, user.Id);
        webhooks.Send(action == "deactivate" ? "user.deactivated" : "user.activated",
            new JsonObject { ["id"] = user.Id, ["email"] = user.Email, ["first_name"] = user.FirstName, ["last_name"] = user.LastName });
        return Results.NoContent();
    }

    private static async Task<IResult> PasswordAsync(string userId, HttpRequest request, SandboxState state)
    {
        var user = state.Find(userId);
        if (user is null) return ZoomResults.UserNotFound(userId);
        var password = Body.String(await Body.ReadAsync(request), "password");
        if (user.Status != "active") return ZoomResults.Error(400, 1000, "The user must be active to change the password.");
        if (user.LoginType == 101) return ZoomResults.Error(400, 1123, "Only Zoom work email users can change the password.");
        if (Rules.Password(password) is { } bad) return ZoomResults.Error(400, bad.Code, bad.Message);
        var hash = SandboxState.HashPassword(password!);
        if (hash == user.PasswordHash) return ZoomResults.Error(400, 300, "The new password must be different from the old password.");
        user.PasswordHash = hash;
        Writes.Count(state, user.Id);
        return Results.NoContent();
    }

    private static IResult Delete(string userId, HttpRequest request, SandboxState state, WebhookSender webhooks)
    {
        var user = state.Find(userId);
        if (user is null) return ZoomResults.UserNotFound(userId);
        var action = request.Query["action"].FirstOrDefault() ?? "disassociate";
        if (action is not ("disassociate" or "delete")) return ZoomResults.Validation(("action", "Invalid field."));
        state.Remove(user.Id);
        Writes.Count(state, user.Id);
        webhooks.Send(action == "delete" ? "user.deleted" : "user.disassociated",
            new JsonObject { ["id"] = user.Id, ["email"] = user.Email, ["first_name"] = user.FirstName, ["last_name"] = user.LastName });
        return Results.NoContent();
    }
}

internal static class Writes
{
    public static void Count(SandboxState state, string userId) => state.Stats.WritesByUser.AddOrUpdate(userId, 1, (_, n) => n + 1);
}

/// <summary>The user JSON Zoom returns.</summary>
internal static class Json
{
    public static object ListItem(SandboxUser u, SandboxState state) => new
    {
        id = u.Id, email = u.Email, first_name = u.FirstName, last_name = u.LastName, display_name = u.DisplayName, type = u.Type,
        pmi = u.Pmi, timezone = u.Timezone, verified = u.Status == "active" ? 1 : 0, dept = u.Dept ?? "",
        created_at = Iso(u.CreatedAt), user_created_at = Iso(u.CreatedAt), last_login_time = u.LastLoginTime is { } l ? Iso(l) : null,
        language = u.Language, status = u.Status, role_id = "2",
    };

    public static object Full(SandboxUser u, Uri baseUrl) => new
    {
        id = u.Id, first_name = u.FirstName, last_name = u.LastName, display_name = u.DisplayName, email = u.Email, type = u.Type,
        role_name = "Member", pmi = u.Pmi, use_pmi = false, personal_meeting_url = JoinUrl(u, baseUrl), timezone = u.Timezone,
        verified = u.Status == "active" ? 1 : 0, dept = u.Dept ?? "", created_at = Iso(u.CreatedAt), user_created_at = Iso(u.CreatedAt),
        last_login_time = u.LastLoginTime is { } l ? Iso(l) : null, pic_url = "", language = u.Language, status = u.Status, role_id = "2",
        account_id = "sandbox-account", login_types = new[] { u.LoginType }, cluster = "us06", jid = u.Id.ToLowerInvariant() + "@xmpp.zoom.us",
    };

    public static string JoinUrl(SandboxUser u, Uri baseUrl)
    {
        var url = new Uri(baseUrl, $"j/{u.Pmi.ToString(CultureInfo.InvariantCulture)}").ToString();
        return u.EmbedPasswordInJoinLink && !string.IsNullOrEmpty(u.PmiPassword) ? url + "?pwd=" + Passcodes.Encode(u.PmiPassword) : url;
    }

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

internal static class Body
{
    public static async Task<JsonObject?> ReadAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static string? String(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static int? Int(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : o?[name] is JsonValue s && s.TryGetValue<string>(out var t) && int.TryParse(t, CultureInfo.InvariantCulture, out var p) ? p : null;

    public static bool? Bool(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();
}
