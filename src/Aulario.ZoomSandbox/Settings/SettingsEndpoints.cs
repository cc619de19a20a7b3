using System.Text.Json.Nodes;
using Aulario.ZoomSandbox.Api;
using Aulario.ZoomSandbox.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Settings;

/// <summary>GET/PATCH /v2/users/{userId}/settings (the schedule_meeting part: PMI passcode and its rules).</summary>
internal static class SettingsEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/v2/users/{userId}/settings", (string userId, SandboxState state) =>
        {
            var user = state.Find(userId);
            if (user is null) return ZoomResults.UserNotFound(userId);
            if (user.Status == "pending") return ZoomResults.Error(400, 1000, "You can not access settings of users that are still in pending state.");
            var r = user.Requirement;
            return ZoomResults.Ok(new
            {
                schedule_meeting = new
                {
                    host_video = false, participants_video = false, join_before_host = false,
                    require_password_for_pmi_meetings = user.RequirePasswordForPmiMeetings,
                    pmi_password = user.PmiPassword ?? "",
                    embed_password_in_join_link = user.EmbedPasswordInJoinLink,
                    require_password_for_scheduling_new_meetings = true,
                    require_password_for_instant_meetings = true,
                    use_pmi_for_scheduled_meetings = false,
                    use_pmi_for_instant_meetings = false,
                    personal_meeting = true,
                    meeting_password_requirement = new
                    {
                        length = r.Length, have_letter = r.HaveLetter, have_number = r.HaveNumber, have_special_character = r.HaveSpecialCharacter,
                        only_allow_numeric = r.OnlyAllowNumeric, have_upper_and_lower_characters = r.HaveUpperAndLowerCharacters,
                        consecutive_characters_length = r.ConsecutiveCharactersLength, weak_enhance_detection = r.WeakEnhanceDetection,
                    },
                },
                in_meeting = new { waiting_room = false },
                recording = new { cloud_recording = true },
            });
        }).WithMetadata(ZoomLabel.Medium);

        app.MapPatch("/v2/users/{userId}/settings", async (string userId, HttpRequest request, SandboxState state, WebhookSender webhooks) =>
        {
            var user = state.Find(userId);
            if (user is null) return ZoomResults.UserNotFound(userId);
            if (user.Status == "pending") return ZoomResults.Error(400, 1000, "You can not access settings of users that are still in pending state.");
            if (user.Status == "inactive") return ZoomResults.Error(400, 1000, "You can not change settings of a deactivated user.");
            var body = await JsonBody.ReadAsync(request);
            if (body is null) return ZoomResults.InvalidBody();
            var schedule = body["schedule_meeting"] as JsonObject;
            if (schedule is null) return Results.NoContent();
            var requirement = user.Requirement;
            if (schedule["meeting_password_requirement"] is JsonObject req)
            {
                requirement = new SandboxPasscodeRequirement
                {
                    Length = JsonBody.Int(req, "length") ?? requirement.Length,
                    HaveLetter = JsonBody.Bool(req, "have_letter") ?? requirement.HaveLetter,
                    HaveNumber = JsonBody.Bool(req, "have_number") ?? requirement.HaveNumber,
                    HaveSpecialCharacter = JsonBody.Bool(req, "have_special_character") ?? requirement.HaveSpecialCharacter,
                    HaveUpperAndLowerCharacters = JsonBody.Bool(req, "have_upper_and_lower_characters") ?? requirement.HaveUpperAndLowerCharacters,
                    OnlyAllowNumeric = JsonBody.Bool(req, "only_allow_numeric") ?? requirement.OnlyAllowNumeric,
                    ConsecutiveCharactersLength = JsonBody.Int(req, "consecutive_characters_length") ?? requirement.ConsecutiveCharactersLength,
                    WeakEnhanceDetection = JsonBody.Bool(req, "weak_enhance_detection") ?? requirement.WeakEnhanceDetection,
                };
                if (requirement.Length is < 0 or > 10) return ZoomResults.Validation(("schedule_meeting.meeting_password_requirement.length", "Invalid field."));
            }
            var passcode = JsonBody.String(schedule, "pmi_password");
            if (passcode is not null && PasscodeRules.Check(passcode, requirement) is { } problem)
                return ZoomResults.Validation(("schedule_meeting.pmi_password", problem));
            var require = JsonBody.String(schedule, "require_password_for_pmi_meetings");
            if (require is not null and not ("jbh_only" or "all" or "none"))
                return ZoomResults.Validation(("schedule_meeting.require_password_for_pmi_meetings", "Invalid field."));
            lock (state.Gate)
            {
                user.Requirement = requirement;
                if (passcode is not null) user.PmiPassword = passcode;
                if (JsonBody.Bool(schedule, "embed_password_in_join_link") is { } embed) user.EmbedPasswordInJoinLink = embed;
                if (require is not null) user.RequirePasswordForPmiMeetings = require;
            }
            state.CountWrite(user.Id);
            webhooks.Send("user.settings_updated", new JsonObject { ["id"] = user.Id, ["settings"] = new JsonObject { ["schedule_meeting"] = new JsonObject() } });
            return Results.NoContent();
        }).WithMetadata(ZoomLabel.Medium);
    }
}
