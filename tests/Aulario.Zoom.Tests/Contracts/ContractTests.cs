using System.Text.Json;
using System.Web;
using Aulario.Zoom.Tests.Infrastructure;

namespace Aulario.Zoom.Tests.Contracts;

/// <summary>Every request the client sends must exist in Zoom's published specs, with known query and body field names.</summary>
public sealed class ContractTests
{
    /// <summary>Newer than the 2018 Swagger but documented in zoom-api.md (§2.8, §2.9, §4, pagination): allowed explicitly.</summary>
    private static readonly HashSet<string> NewerOperations = ["GET /users/summary"];

    private static readonly Dictionary<string, string[]> NewerQuery = new()
    {
        ["GET /users"] = ["next_page_token"],
    };

    private static readonly Dictionary<string, string[]> NewerBodyFields = new()
    {
        ["POST /users"] = ["user_info.display_name"],
        ["PATCH /users/{userId}/settings"] =
        [
            "schedule_meeting.pmi_password", "schedule_meeting.embed_password_in_join_link", "schedule_meeting.require_password_for_pmi_meetings",
            "schedule_meeting.require_password_for_scheduling_new_meetings", "schedule_meeting.require_password_for_scheduled_meetings",
            "schedule_meeting.require_password_for_instant_meetings", "schedule_meeting.personal_meeting",
            "schedule_meeting.use_pmi_for_scheduled_meetings", "schedule_meeting.use_pmi_for_instant_meetings",
            "schedule_meeting.meeting_password_requirement", "schedule_meeting.meeting_password_requirement.length",
            "schedule_meeting.meeting_password_requirement.have_letter", "schedule_meeting.meeting_password_requirement.have_number",
            "schedule_meeting.meeting_password_requirement.have_special_character",
            "schedule_meeting.meeting_password_requirement.have_upper_and_lower_characters",
            "schedule_meeting.meeting_password_requirement.only_allow_numeric",
            "schedule_meeting.meeting_password_requirement.consecutive_characters_length",
            "schedule_meeting.meeting_password_requirement.weak_enhance_detection",
        ],
    };

    [Fact]
    public async Task EveryRequestOfTheFullScenario_MatchesTheZoomSpecs()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var downloaded = await Scenario.RunAllAsync(host);
        Assert.True(downloaded > 0);
        var spec = ZoomSpec.Load();
        var apiPrefix = new Uri(host.Sandbox.ApiBaseUrl).AbsolutePath.TrimEnd('/');

        var matched = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var request in host.Recorder.Requests)
        {
            var path = request.Uri.AbsolutePath;
            if (path.StartsWith("/rec/download/", StringComparison.Ordinal)) continue; // a recording's download_url, not an API path
            Assert.StartsWith(apiPrefix + "/", path, StringComparison.Ordinal);
            var apiPath = path[apiPrefix.Length..];
            var method = request.Method.Method;
            var candidates = spec.Where(o => o.Method == method && o.Pattern.IsMatch(apiPath)).ToList();
            // A literal segment wins over a template ({userId} also matches "summary").
            var op = NewerOperations.Contains($"{method} {apiPath}") ? null : candidates.OrderBy(o => o.Template.Count(c => c == '{')).FirstOrDefault();
            var key = op is null ? $"{method} {apiPath}" : $"{method} {op.Template}";
            if (op is null && !NewerOperations.Contains(key))
            {
                problems.Add($"{method} {apiPath} is in no spec");
                continue;
            }
            matched.Add(Normalize(key));
            if (op?.QueryNames is { } known)
            {
                foreach (var name in HttpUtility.ParseQueryString(request.Uri.Query).AllKeys.OfType<string>())
                {
                    if (!known.Contains(name) && !(NewerQuery.TryGetValue(key, out var newer) && newer.Contains(name)))
                        problems.Add($"{key}: query parameter '{name}' is not in {op.Source}");
                }
            }
            if (request.Body is { Length: > 0 } body)
            {
                var sent = Flatten(JsonDocument.Parse(body).RootElement, "").ToList();
                var allowed = new HashSet<string>(op?.BodyFields ?? new HashSet<string>(), StringComparer.Ordinal);
                if (NewerBodyFields.TryGetValue(key, out var extra)) allowed.UnionWith(extra);
                problems.AddRange(sent.Where(f => !allowed.Contains(f)).Select(f => $"{key}: body field '{f}' is not in the request schema"));
            }
        }

        Assert.Empty(problems);
        string[] expected =
        [
            "POST /users", "GET /users", "GET /users/{userId}", "PATCH /users/{userId}", "DELETE /users/{userId}", "PUT /users/{userId}/status",
            "PUT /users/{userId}/password", "GET /users/summary", "GET /users/{userId}/settings", "PATCH /users/{userId}/settings",
            "GET /users/{userId}/assistants", "POST /users/{userId}/assistants", "DELETE /users/{userId}/assistants",
            "DELETE /users/{userId}/assistants/{assistantId}", "GET /users/{userId}/meetings", "GET /past_meetings/{meetingId}/participants",
            "GET /report/users/{userId}/meetings", "GET /users/{userId}/recordings",
        ];
        Assert.Empty(expected.Select(Normalize).Except(matched));
    }

    [Fact]
    public async Task RemoveWithTransfer_UsesTheSingularTransferNamesOfTheSpec()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var user = host.AddUser("saliente@" + ZoomTestHost.ManagedDomain);
        host.AddUser("destino@" + ZoomTestHost.ManagedDomain);

        await host.Client.Users.RemoveAsync(user.Id, Users.ZoomRemoveAction.Delete, new Users.ZoomTransferOptions("destino@" + ZoomTestHost.ManagedDomain));

        var query = HttpUtility.ParseQueryString(Assert.Single(host.Recorder.Requests).Uri.Query);
        Assert.Equal(["action", "transfer_email", "transfer_meeting", "transfer_webinar", "transfer_recording"], query.AllKeys.Select(k => k!).ToArray());
        Assert.Equal("delete", query["action"]);
        Assert.Equal("true", query["transfer_recording"]);
    }

    /// <summary>"/past_meetings/{meetingUUID}/x" and "/past_meetings/{meetingId}/x" are the same operation.</summary>
    private static string Normalize(string key) => System.Text.RegularExpressions.Regex.Replace(key, @"\{[^}]+\}", "{}");

    private static IEnumerable<string> Flatten(JsonElement element, string prefix)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    yield return prefix + p.Name;
                    foreach (var f in Flatten(p.Value, prefix + p.Name + ".")) yield return f;
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    foreach (var f in Flatten(item, prefix.TrimEnd('.') + "[].")) yield return f;
                break;
        }
    }
}
