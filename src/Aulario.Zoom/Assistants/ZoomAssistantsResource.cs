using Aulario.Zoom.Http;

namespace Aulario.Zoom.Assistants;

public sealed record ZoomAssistant(string? Id, string? Email);

public sealed record ZoomAssistantList(IReadOnlyList<ZoomAssistant>? Assistants);

public sealed record ZoomAssistantsAdded(string? Ids, DateTimeOffset? AddAt);

/// <summary>Zoom assistants (scheduling privilege) of a host: /users/{userId}/assistants.</summary>
public sealed class ZoomAssistantsResource
{
    private readonly ZoomApiTransport _transport;

    internal ZoomAssistantsResource(ZoomApiTransport transport) => _transport = transport;

    public async Task<IReadOnlyList<ZoomAssistant>> ListAsync(string userId, CancellationToken ct = default)
    {
        var list = await _transport.SendAsync<ZoomAssistantList>(new ZoomRequest(HttpMethod.Get, Path(userId), ZoomRateLimitLabel.Medium), ct)
            .ConfigureAwait(false);
        return list.Assistants ?? [];
    }

    /// <summary>POST /users/{userId}/assistants; each entry names the assistant by id or by email.</summary>
    public Task<ZoomAssistantsAdded?> AddAsync(string userId, IReadOnlyList<ZoomAssistant> assistants, CancellationToken ct = default) =>
        _transport.SendOptionalAsync<ZoomAssistantsAdded>(
            new ZoomRequest(HttpMethod.Post, Path(userId), ZoomRateLimitLabel.Medium) { Body = new ZoomAssistantList(assistants) }, ct);

    public Task RemoveAsync(string userId, string assistantId, CancellationToken ct = default) =>
        _transport.SendAsync(new ZoomRequest(HttpMethod.Delete, Path(userId) + "/" + ZoomRequest.Segment(assistantId), ZoomRateLimitLabel.Light), ct);

    public Task RemoveAllAsync(string userId, CancellationToken ct = default) =>
        _transport.SendAsync(new ZoomRequest(HttpMethod.Delete, Path(userId), ZoomRateLimitLabel.Light), ct);

    private static string Path(string userId) => "users/" + ZoomRequest.Segment(userId) + "/assistants";
}
