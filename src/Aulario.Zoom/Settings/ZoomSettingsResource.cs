using Aulario.Zoom.Http;

namespace Aulario.Zoom.Settings;

/// <summary>Zoom user settings: GET/PATCH /users/{userId}/settings.</summary>
public sealed class ZoomSettingsResource
{
    private readonly ZoomApiTransport _transport;

    internal ZoomSettingsResource(ZoomApiTransport transport) => _transport = transport;

    public Task<ZoomUserSettings> GetAsync(string userId, CancellationToken ct = default) =>
        _transport.SendAsync<ZoomUserSettings>(new ZoomRequest(HttpMethod.Get, Path(userId), ZoomRateLimitLabel.Medium), ct);

    public Task UpdateAsync(string userId, ZoomUserSettingsUpdate update, CancellationToken ct = default) =>
        _transport.SendAsync(new ZoomRequest(HttpMethod.Patch, Path(userId), ZoomRateLimitLabel.Medium) { Body = update }, ct);

    /// <summary>Sets the PMI passcode (schedule_meeting.pmi_password).</summary>
    public Task SetPmiPasswordAsync(string userId, string passcode, CancellationToken ct = default) =>
        UpdateAsync(userId, new ZoomUserSettingsUpdate { ScheduleMeeting = new ZoomScheduleMeetingSettings { PmiPassword = passcode } }, ct);

    private static string Path(string userId) => "users/" + ZoomRequest.Segment(userId) + "/settings";
}
