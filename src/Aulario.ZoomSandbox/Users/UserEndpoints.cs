using System.Globalization;
using System.Text.Json.Nodes;
using Aulario.ZoomSandbox.Api;
using Aulario.ZoomSandbox.RateLimiting;
using Aulario.ZoomSandbox.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Users;

/// <summary>
/// /v2/users: create (create → pending + activation mail, autoCreate on managed domains, ssoCreate), list with next_page_token,
/// summary, get, update, status, password, delete — with Zoom's validation and error codes (zoom-api.md §2).
/// </summary>
/// <remarks>
/// Codes the sandbox had to choose (not fully pinned by the sources): autoCreate outside the managed domains → 400/1116
/// "Email domain {d} does not match the account's managed domains." (HY's 1116 "email doesn't match limited domains");
/// ssoCreate without SSO enabled on the account → 400/2002 (HY: "ssoCreate not enabled"); a password sent with ssoCreate is ignored;
/// custCreate → 400/2002 (HY lists 2002 for a create action the account has not enabled); license pool exhausted → 400/200
/// "You can add max {n} paid users."; status change of a pending user → 400/1000; password change of a non-active user → 400/1000.
/// </remarks>
internal static class UserEndpoints
{
    public const int MaxPageSize = 300;
    public static readonly TimeSpan PageTokenLifetime = TimeSpan.FromMinutes(15);

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
        var body = await JsonBody.ReadAsync(request);
        if (body is null) return ZoomResults.InvalidBody();
        var action = JsonBody.String(body, "action");
        var info = body["user_info"] as JsonObject;
        var errors = new List<(string, string)>();
        if (action is null) errors.Add(("action", "Required field."));
        else if (action is not ("create" or "autoCreate" or "custCreate" or "ssoCreate")) errors.Add(("action", "Invalid field."));
        if (info is null) errors.Add(("user_info", "Required field."));
        var email = JsonBody.String(info, "email");
        var first = JsonBody.String(info, "first_name") ?? "";
        var last = JsonBody.String(info, "last_name") ?? "";
        var type = JsonBody.Int(info, "type");
        if (info is not null)
        {
            if (email is null) errors.Add(("user_info.email", "Required field."));
            else if (!EmailRules.IsValid(email)) errors.Add(("user_info.email", "Invalid field."));
            if (type is null) errors.Add(("user_info.type", "Required field."));
            else if (type is not (1 or 2 or 4 or 99)) errors.Add(("user_info.type", "Invalid field."));
            if (first.Length > 64 || JsonBody.WrongType(info, "first_name")) errors.Add(("user_info.first_name", "Invalid field."));
            if (last.Length > 64 || JsonBody.WrongType(info, "last_name")) errors.Add(("user_info.last_name", "Invalid field."));
        }
        if (errors.Count > 0) return ZoomResults.Validation([.. errors]);
        if (type == 99 && action != "ssoCreate") return ZoomResults.Validation(("user_info.type", "Invalid field."));
        if (action == "custCreate") return ZoomResults.Error(400, 2002, "Your account has not enabled the custCreate option. Contact Zoom sales.");
        if (action == "ssoCreate" && !options.SsoEnabled)
            return ZoomResults.Error(400, 2002, "Your account has not enabled the ssoCreate option. Enable SSO and Pre-provisioning SSO User.");

        var domain = EmailRules.Domain(email!);
        if (action == "autoCreate" && !options.ManagedDomains.Any(d => string.Equals(d.TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase)))
            return ZoomResults.Error(400, 1116, $"Email domain {domain} does not match the account's managed domains.");
        string? passwordHash = null;
        if (action == "autoCreate")
        {
            var password = JsonBody.String(info, "password");
            if (PasswordRules.Check(password) is { } bad) return ZoomResults.Error(400, bad.Code, bad.Message);
            passwordHash = SandboxState.HashPassword(password!);
        }
        if (state.ForeignEmails.ContainsKey(email!)) return ZoomResults.Error(409, 1009, $"The user {email} already holds an active account.");
        if (state.Find(email!) is not null) return ZoomResults.Error(409, 1005, $"Email {email} has already been used.");
        if (type == 2 && options.LicenseCount is { } licenses && state.LicensedCount() >= licenses)
            return ZoomResults.Error(400, 200, $"You can add max {licenses} paid users.");
        if (action == "create")
        {
            var cap = limits.CheckCreate();
            TooManyRequests.SetHeaders(request.HttpContext.Response, "Light", "Daily-limit", cap.Limit, cap.Remaining);
            if (!cap.Allowed) return TooManyRequests.Daily(request.HttpContext.Response, state, cap.DailyReset!.Value);
        }

        var now = time.GetUtcNow();
        var user = state.Add(email!, first, last, type!.Value == 99 ? 1 : type.Value, action == "create" ? "pending" : "active", now);
        lock (state.Gate)
        {
            user.PasswordHash = passwordHash;
            user.LoginType = action == "ssoCreate" ? 101 : 100;
            user.PmiPassword = Passcodes.Generate(user.Requirement);
            if (action == "create")
            {
                user.ActivationToken = SandboxState.NewId() + SandboxState.NewId();
                user.InvitationExpiresAt = now + options.InvitationLifetime;
            }
        }
        state.Stats.UsersCreatedByEmail.AddOrUpdate(user.Email, 1, (_, n) => n + 1);
        state.CountWrite(user.Id);
        if (action == "create") Mailbox.ActivationMail.Send(state, user, context.BaseUrl, now);
        webhooks.Send("user.created", UserJson.Event(user), extra: new JsonObject { ["creation_type"] = action });
        return ZoomResults.Ok(new { id = user.Id, email = user.Email, first_name = user.FirstName, last_name = user.LastName, type = user.Type }, 201);
    }

    private static IResult List(HttpRequest request, SandboxState state, TimeProvider time)
    {
        var q = request.Query;
        var status = q["status"].FirstOrDefault() ?? "active";
        if (status is not ("active" or "inactive" or "pending")) return ZoomResults.Validation(("status", "Invalid field."));
        var pageSize = 30;
        if (q["page_size"].FirstOrDefault() is { } ps && (!int.TryParse(ps, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
            return ZoomResults.Validation(("page_size", $"Invalid field. page_size must be between 1 and {MaxPageSize}."));
        var position = 0;
        var now = time.GetUtcNow();
        if (q["next_page_token"].FirstOrDefault() is { Length: > 0 } tokenText)
        {
            if (!state.PageTokens.TryGetValue(tokenText, out var token) || token.Expires <= now || token.Status != status)
                return ZoomResults.Error(400, 300, "The next page token is invalid or expired.");
            position = token.Position;
        }
        var all = state.Users.Where(u => u.Status == status).ToList();
        var page = all.Skip(position).Take(pageSize).ToList();
        var next = "";
        if (position + page.Count < all.Count)
        {
            next = SandboxState.NewId();
            state.PageTokens[next] = new PageToken(status, position + page.Count, pageSize, now + PageTokenLifetime);
        }
        return ZoomResults.Ok(new
        {
            next_page_token = next,
            page_count = (all.Count + pageSize - 1) / pageSize,
            page_number = position / pageSize + 1,
            page_size = pageSize,
            total_records = all.Count,
            users = page.Select(UserJson.ListItem),
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

    /// <summary>The user, or the Zoom error for an unknown user (404/1001) or a pending user whose invitation expired (404/1120).</summary>
    internal static (SandboxUser? User, IResult? Error) Resolve(string userId, SandboxState state, TimeProvider time)
    {
        var user = state.Find(userId);
        if (user is null) return (null, ZoomResults.UserNotFound(userId));
        if (user.Status == "pending" && user.InvitationExpiresAt <= time.GetUtcNow())
            return (null, ZoomResults.Error(404, 1120, "A valid invitation to join the Zoom account was not found for this user."));
        return (user, null);
    }

    private static IResult Get(string userId, SandboxState state, SandboxContext context, ZoomSandboxOptions options, TimeProvider time)
    {
        var (user, error) = Resolve(userId, state, time);
        return error ?? ZoomResults.Ok(UserJson.Full(user!, context.BaseUrl, options.AccountId));
    }

    private static async Task<IResult> UpdateAsync(string userId, HttpRequest request, SandboxState state, ZoomSandboxOptions options, WebhookSender webhooks, TimeProvider time)
    {
        var (user, error) = Resolve(userId, state, time);
        if (error is not null) return error;
        var body = await JsonBody.ReadAsync(request);
        if (body is null) return ZoomResults.InvalidBody();
        var errors = new List<(string, string)>();
        var first = JsonBody.String(body, "first_name");
        var last = JsonBody.String(body, "last_name");
        var type = JsonBody.Int(body, "type");
        var timezone = JsonBody.String(body, "timezone");
        var dept = JsonBody.String(body, "dept");
        var pmi = JsonBody.Long(body, "pmi");
        if (first is { Length: > 64 } || JsonBody.WrongType(body, "first_name")) errors.Add(("first_name", "Invalid field."));
        if (last is { Length: > 64 } || JsonBody.WrongType(body, "last_name")) errors.Add(("last_name", "Invalid field."));
        if (body.ContainsKey("type") && type is not (1 or 2 or 4)) errors.Add(("type", "Invalid field."));
        if (timezone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out _)) errors.Add(("timezone", "Invalid field."));
        if (body.ContainsKey("pmi") && pmi is not (>= 1_000_000_000 and <= 9_999_999_999)) errors.Add(("pmi", "Invalid field."));
        if (errors.Count > 0) return ZoomResults.Validation([.. errors]);
        if (user!.Status == "inactive" && type is not null) return ZoomResults.Error(400, 1000, "Can not update a deactivated user's license.");
        if (type == 2 && user.Type != 2 && options.LicenseCount is { } licenses && state.LicensedCount() >= licenses)
            return ZoomResults.Error(400, 200, $"You can add max {licenses} paid users.");
        if (pmi is { } newPmi && state.FindByPmi(newPmi) is { } holder && holder.Id != user.Id)
            return ZoomResults.Error(400, 300, $"Personal meeting ID {newPmi.ToString(CultureInfo.InvariantCulture)} is already in use.");
        var old = new JsonObject();
        var changed = new JsonObject { ["id"] = user.Id };
        lock (state.Gate)
        {
            if (first is not null && first != user.FirstName) { old["first_name"] = user.FirstName; changed["first_name"] = first; user.FirstName = first; }
            if (last is not null && last != user.LastName) { old["last_name"] = user.LastName; changed["last_name"] = last; user.LastName = last; }
            if (type is not null && type != user.Type) { old["type"] = user.Type; changed["type"] = type; user.Type = type.Value; }
            if (timezone is not null && timezone != user.Timezone) { old["timezone"] = user.Timezone; changed["timezone"] = timezone; user.Timezone = timezone; }
            if (dept is not null && dept != user.Dept) { old["dept"] = user.Dept; changed["dept"] = dept; user.Dept = dept; }
            if (pmi is not null && pmi != user.Pmi) { old["pmi"] = user.Pmi; changed["pmi"] = pmi; user.Pmi = pmi.Value; }
        }
        state.CountWrite(user.Id);
        webhooks.Send("user.updated", changed, oldObject: old);
        return Results.NoContent();
    }

    private static async Task<IResult> StatusAsync(string userId, HttpRequest request, SandboxState state, WebhookSender webhooks, TimeProvider time)
    {
        var (user, error) = Resolve(userId, state, time);
        if (error is not null) return error;
        var body = await JsonBody.ReadAsync(request);
        if (body is null) return ZoomResults.InvalidBody();
        var action = JsonBody.String(body, "action");
        if (action is null) return ZoomResults.Validation(("action", "Required field."));
        if (action is not ("activate" or "deactivate")) return ZoomResults.Validation(("action", "Invalid field."));
        if (user!.Status == "pending") return ZoomResults.Error(400, 1000, "Can not activate or deactivate a pending user.");
        lock (state.Gate)
        {
            // Deactivation removes the user's licenses (zoom-api.md §2.6); reactivation does not give them back.
            if (action == "deactivate") { user.Status = "inactive"; user.Type = 1; }
            else user.Status = "active";
        }
        state.CountWrite(user.Id);
        webhooks.Send(action == "deactivate" ? "user.deactivated" : "user.activated", UserJson.Event(user));
        return Results.NoContent();
    }

    private static async Task<IResult> PasswordAsync(string userId, HttpRequest request, SandboxState state, TimeProvider time)
    {
        var (user, error) = Resolve(userId, state, time);
        if (error is not null) return error;
        var body = await JsonBody.ReadAsync(request);
        if (body is null) return ZoomResults.InvalidBody();
        var password = JsonBody.String(body, "password");
        if (password is null) return ZoomResults.Validation(("password", "Required field."));
        if (user!.Status != "active") return ZoomResults.Error(400, 1000, "The user must be active to change the password.");
        if (user.LoginType == 101) return ZoomResults.Error(400, 1123, "Only Zoom work email users can change the password.");
        if (PasswordRules.Check(password) is { } bad) return ZoomResults.Error(400, bad.Code, bad.Message);
        var hash = SandboxState.HashPassword(password);
        if (hash == user.PasswordHash) return ZoomResults.Error(400, 300, "The new password must be different from the old password.");
        lock (state.Gate) user.PasswordHash = hash;
        state.CountWrite(user.Id);
        return Results.NoContent();
    }

    private static IResult Delete(string userId, HttpRequest request, SandboxState state, WebhookSender webhooks)
    {
        var user = state.Find(userId);
        if (user is null) return ZoomResults.UserNotFound(userId);
        var action = request.Query["action"].FirstOrDefault() ?? "disassociate";
        if (action is not ("disassociate" or "delete")) return ZoomResults.Validation(("action", "Invalid field."));
        if (!state.Remove(user.Id)) return ZoomResults.UserNotFound(userId);
        state.CountWrite(user.Id);
        webhooks.Send(action == "delete" ? "user.deleted" : "user.disassociated", UserJson.Event(user));
        return Results.NoContent();
    }
}
