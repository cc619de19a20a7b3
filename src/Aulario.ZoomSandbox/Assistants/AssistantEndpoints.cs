using System.Text.Json.Nodes;
using Aulario.ZoomSandbox.Api;
using Aulario.ZoomSandbox.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Assistants;

/// <summary>Assistants (scheduling privilege) and schedulers.</summary>
internal static class AssistantEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/v2/users/{userId}/assistants", (string userId, SandboxState state) =>
        {
            var user = state.Find(userId);
            if (user is null) return ZoomResults.UserNotFound(userId);
            var assistants = user.AssistantIds.Select(state.Find).Where(a => a is not null).Select(a => new { id = a!.Id, email = a.Email });
            return ZoomResults.Ok(new { assistants });
        }).WithMetadata(ZoomLabel.Medium);

        app.MapPost("/v2/users/{userId}/assistants", async (string userId, HttpRequest request, SandboxState state, TimeProvider time) =>
        {
            var host = state.Find(userId);
            if (host is null) return ZoomResults.UserNotFound(userId);
            var body = await JsonBody.ReadAsync(request);
            if (body?["assistants"] is not JsonArray list || list.Count == 0) return ZoomResults.Validation(("assistants", "Required field."));
            if (list.Count > 30) return ZoomResults.Validation(("assistants", "Invalid field."));
            if (host.Type != 2 || host.Status != "active") return ZoomResults.Error(400, 200, "User must be a Pro or Corp user.");
            var found = new List<SandboxUser>();
            foreach (var item in list.OfType<JsonObject>())
            {
                var key = JsonBody.String(item, "id") ?? JsonBody.String(item, "email");
                var assistant = key is null ? null : state.Find(key);
                if (assistant is null) return ZoomResults.Error(400, 200, $"Can't find user {key}.");
                if (assistant.Id == host.Id) return ZoomResults.Error(400, 200, "Can't assign scheduling privilege to yourself.");
                if (assistant.Type != 2 || assistant.Status != "active") return ZoomResults.Error(400, 200, "User must be a Pro or Corp user.");
                if (host.AssistantIds.Contains(assistant.Id)) return ZoomResults.Error(400, 200, $"User {assistant.Email} already has the scheduling privilege for you.");
                found.Add(assistant);
            }
            lock (state.Gate) host.AssistantIds.AddRange(found.Select(a => a.Id));
            state.CountWrite(host.Id);
            return ZoomResults.Ok(new { ids = string.Join(",", found.Select(a => a.Id)), add_at = ZoomResults.Iso(time.GetUtcNow()) }, 201);
        }).WithMetadata(ZoomLabel.Medium);

        app.MapDelete("/v2/users/{userId}/assistants", (string userId, SandboxState state) =>
        {
            var host = state.Find(userId);
            if (host is null) return ZoomResults.UserNotFound(userId);
            lock (state.Gate) host.AssistantIds.Clear();
            state.CountWrite(host.Id);
            return Results.NoContent();
        }).WithMetadata(ZoomLabel.Light);

        app.MapDelete("/v2/users/{userId}/assistants/{assistantId}", (string userId, string assistantId, SandboxState state) =>
        {
            var host = state.Find(userId);
            if (host is null) return ZoomResults.UserNotFound(userId);
            var assistant = state.Find(assistantId);
            bool removed;
            lock (state.Gate) removed = assistant is not null && host.AssistantIds.Remove(assistant.Id);
            if (!removed) return ZoomResults.Error(404, 1001, $"User does not exist: {assistantId}.");
            state.CountWrite(host.Id);
            return Results.NoContent();
        }).WithMetadata(ZoomLabel.Light);

        app.MapGet("/v2/users/{userId}/schedulers", (string userId, SandboxState state) =>
        {
            var user = state.Find(userId);
            if (user is null) return ZoomResults.UserNotFound(userId);
            var schedulers = state.Users.Where(h => h.AssistantIds.Contains(user.Id)).Select(h => new { id = h.Id, email = h.Email, pmi = h.Pmi });
            return ZoomResults.Ok(new { schedulers });
        }).WithMetadata(ZoomLabel.Medium);
    }
}
