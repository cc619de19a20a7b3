using System.Net;
using System.Text.Json;
using Aulario.ZoomSandbox.Tests.Infrastructure;

namespace Aulario.ZoomSandbox.Tests;

/// <summary>
/// The sandbox's Users endpoints against Zoom's official Swagger 2.0 spec: each operation exists, each 2xx status is one the
/// spec declares, every response field is defined by the spec's response schema and every request field by its body schema —
/// except the explicit lists of newer fields documented in zoom-api.md (the 2018 spec predates them).
/// </summary>
public sealed class ContractTests
{
    private static readonly SwaggerSpec Spec = SwaggerSpec.Load();

    /// <summary>Fields newer than the 2018 spec, each documented in /work/shared/reference/zoom-api.md (section in the comment).</summary>
    private static readonly Dictionary<string, string[]> NewerFields = new(StringComparer.Ordinal)
    {
        // §2.2 list users: display_name, status, verified, user_created_at, role_id; empty next_page_token = last page.
        ["GET /users"] = ["next_page_token", "users[].display_name", "users[].status", "users[].verified", "users[].user_created_at", "users[].role_id"],
        // §2.3 get user.
        ["GET /users/{userId}"] = ["display_name", "status", "role_name", "role_id", "user_created_at", "login_types", "cluster", "jid"],
        // §3 GET schedulers → {"schedulers":[{"id","email","pmi"}]} (Rivet, 2026); the 2018 spec called the array "assistants".
        ["GET /users/{userId}/schedulers"] = ["schedulers", "schedulers[].id", "schedulers[].email", "schedulers[].pmi"],
        // §2.9 passcode-related schedule_meeting fields and meeting_password_requirement.
        ["GET /users/{userId}/settings"] = SettingsFields,
        ["PATCH /users/{userId}/settings"] = SettingsFields,
        // §4 recordings: share_url and recording_files[] fields; meetings[].type.
        ["GET /users/{userId}/recordings"] = ["meetings[].type", "meetings[].share_url", "meetings[].recording_files[].file_extension"],
        // §4 user meetings: paging with next_page_token.
        ["GET /users/{userId}/meetings"] = ["next_page_token"],
    };

    private static string[] SettingsFields =>
    [
        "schedule_meeting.pmi_password", "schedule_meeting.require_password_for_pmi_meetings", "schedule_meeting.embed_password_in_join_link",
        "schedule_meeting.require_password_for_scheduling_new_meetings", "schedule_meeting.require_password_for_instant_meetings",
        "schedule_meeting.use_pmi_for_scheduled_meetings", "schedule_meeting.use_pmi_for_instant_meetings", "schedule_meeting.personal_meeting",
        "schedule_meeting.meeting_password_requirement", "schedule_meeting.meeting_password_requirement.length",
        "schedule_meeting.meeting_password_requirement.have_letter", "schedule_meeting.meeting_password_requirement.have_number",
        "schedule_meeting.meeting_password_requirement.have_special_character", "schedule_meeting.meeting_password_requirement.have_upper_and_lower_characters",
        "schedule_meeting.meeting_password_requirement.only_allow_numeric", "schedule_meeting.meeting_password_requirement.consecutive_characters_length",
        "schedule_meeting.meeting_password_requirement.weak_enhance_detection",
    ];

    /// <summary>Operations the sandbox serves that the 2018 spec lacks; documented in zoom-api.md §2.8.</summary>
    private static readonly HashSet<string> NewerOperations = ["GET /users/summary"];

    public static TheoryData<string, string, string, object?> Calls => new()
    {
        // method, spec path, call path (with {host}/{assistant}/{pending} placeholders), request body
        { "POST", "/users", "v2/users", new { action = "autoCreate", user_info = new { email = "nuevo@" + SandboxHost.ManagedDomain, type = 2, first_name = "Nuevo", last_name = "Usuario", password = "Aulario2026x" } } },
        { "GET", "/users", "v2/users?page_size=2", null },
        { "GET", "/users/{userId}", "v2/users/{host}", null },
        { "PATCH", "/users/{userId}", "v2/users/{host}", new { first_name = "Aula", last_name = "101", type = 2, dept = "Aulas", timezone = "America/Argentina/Buenos_Aires", pmi = 8123456789 } },
        { "PUT", "/users/{userId}/status", "v2/users/{assistant}/status", new { action = "deactivate" } },
        { "PUT", "/users/{userId}/password", "v2/users/{host}/password", new { password = "Otra2026zz" } },
        { "DELETE", "/users/{userId}", "v2/users/{pending}?action=disassociate", null },
        { "GET", "/users/{userId}/settings", "v2/users/{host}/settings", null },
        { "PATCH", "/users/{userId}/settings", "v2/users/{host}/settings", new { schedule_meeting = new { pmi_password = "Clase2026", embed_password_in_join_link = true, require_password_for_pmi_meetings = "all", meeting_password_requirement = new { length = 6, have_number = true } } } },
        { "GET", "/users/{userId}/assistants", "v2/users/{host}/assistants", null },
        { "POST", "/users/{userId}/assistants", "v2/users/{host}/assistants", new { assistants = new object[] { new { email = "delegado@" + SandboxHost.ManagedDomain } } } },
        { "DELETE", "/users/{userId}/assistants", "v2/users/{host}/assistants", null },
        { "DELETE", "/users/{userId}/assistants/{assistantId}", "v2/users/{host}/assistants/{assistant}", null },
        { "GET", "/users/{userId}/schedulers", "v2/users/{assistant}/schedulers", null },
        { "GET", "/users/{userId}/meetings", "v2/users/{host}/meetings", null },
        { "GET", "/users/{userId}/recordings", "v2/users/{host}/recordings?from={from}&to={to}", null },
        { "GET", "/users/summary", "v2/users/summary", null },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Users_endpoint_matches_zoom_spec(string method, string specPath, string callPath, object? body)
    {
        var key = $"{method} {specPath}";
        if (NewerOperations.Contains(key)) Assert.False(Spec.HasOperation(specPath, method), $"{key} is in the spec: remove it from NewerOperations");
        else Assert.True(Spec.HasOperation(specPath, method), $"{key} is not in Zoom's spec");

        await using var host = await SandboxHost.StartAsync(o => o.SeedDemoData = true);
        var hostUser = host.Server.State.Find("aula101@" + SandboxHost.ManagedDomain)!;
        var assistant = await host.AutoCreateAsync("delegado");
        if (!(method == "POST" && specPath == "/users/{userId}/assistants"))
            hostUser.AssistantIds.Add(assistant);
        var pending = host.Server.State.Users.First(u => u.Status == "pending");
        var today = DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime);
        var url = callPath.Replace("{host}", hostUser.Id, StringComparison.Ordinal).Replace("{assistant}", assistant, StringComparison.Ordinal)
            .Replace("{pending}", pending.Id, StringComparison.Ordinal)
            .Replace("{from}", today.AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{to}", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body is null ? null : SandboxHost.Json(body) };
        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{key} → {(int)response.StatusCode}: {text}");
        var allowed = NewerFields.GetValueOrDefault(key) ?? [];

        if (body is not null)
        {
            var sent = SwaggerSpec.FieldsOf(JsonSerializer.SerializeToElement(body));
            var defined = Spec.BodyFields(specPath, method);
            var unknown = sent.Where(f => !defined.Contains(f) && !allowed.Contains(f)).ToList();
            Assert.True(unknown.Count == 0, $"{key} request fields not in the spec: {string.Join(", ", unknown)}");
        }

        if (NewerOperations.Contains(key)) return;
        Assert.Contains((int)response.StatusCode, Spec.ResponseStatuses(specPath, method));
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            Assert.Equal("", text);
            return;
        }
        using var doc = JsonDocument.Parse(text);
        var fields = SwaggerSpec.FieldsOf(doc.RootElement);
        Assert.NotEmpty(fields);
        var specFields = Spec.ResponseFields(specPath, method, (int)response.StatusCode);
        var extra = fields.Where(f => !specFields.Contains(f) && !allowed.Contains(f)).OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.True(extra.Count == 0, $"{key} response fields not in the spec nor documented as newer: {string.Join(", ", extra)}");
    }

    [Fact]
    public void The_allow_lists_only_name_fields_the_spec_lacks()
    {
        foreach (var (key, fields) in NewerFields)
        {
            var (method, path) = (key.Split(' ')[0], key.Split(' ')[1]);
            var defined = method is "GET" ? Spec.ResponseFields(path, method, 200) : Spec.BodyFields(path, method);
            Assert.DoesNotContain(fields, f => defined.Contains(f));
        }
    }

    [Fact]
    public void The_spec_error_statuses_match_the_sandbox_for_create_and_get()
    {
        Assert.Contains(409, Spec.ResponseStatuses("/users", "post"));
        Assert.Contains(404, Spec.ResponseStatuses("/users/{userId}", "get"));
    }
}
