using Aulario.Zoom.Http;

namespace Aulario.Zoom.Users;

/// <summary>Zoom Users API: /users and /users/{userId}.</summary>
public sealed class ZoomUsersResource
{
    private readonly ZoomApiTransport _transport;

    internal ZoomUsersResource(ZoomApiTransport transport) => _transport = transport;

    /// <summary>POST /users. Not retried on 5xx/timeouts (it is not idempotent): check with <see cref="FindAsync"/>.</summary>
    public Task<ZoomCreatedUser> CreateAsync(ZoomCreateUserRequest request, CancellationToken ct = default) =>
        _transport.SendAsync<ZoomCreatedUser>(new ZoomRequest(HttpMethod.Post, "users", ZoomRateLimitLabel.Light) { Body = request }, ct);

    /// <summary>GET /users/{userId}; the id may be the Zoom user id or the email.</summary>
    public Task<ZoomUser> GetAsync(string idOrEmail, CancellationToken ct = default) =>
        _transport.SendAsync<ZoomUser>(new ZoomRequest(HttpMethod.Get, "users/" + ZoomRequest.Segment(idOrEmail), ZoomRateLimitLabel.Light), ct);

    /// <summary>GET /users/{userId}, with "user does not exist" (404, 1001/1120) as null.</summary>
    public async Task<ZoomUser?> FindAsync(string idOrEmail, CancellationToken ct = default)
    {
        try
        {
            return await GetAsync(idOrEmail, ct).ConfigureAwait(false);
        }
        catch (ZoomApiException ex) when (ex.Error.Code is 1001 or 1120)
        {
            return null;
        }
    }

    /// <summary>GET /users?status=…, every page (next_page_token), with a constant page_size.</summary>
    public IAsyncEnumerable<ZoomUser> ListAsync(ZoomUserStatus status = ZoomUserStatus.Active, int? pageSize = null, CancellationToken ct = default) =>
        _transport.PagesAsync<ZoomUserPage, ZoomUser>(
            () => new ZoomRequest(HttpMethod.Get, "users", ZoomRateLimitLabel.Medium).With("status", StatusName(status)),
            page => page.Users, page => page.NextPageToken, pageSize, ct);

    /// <summary>PATCH /users/{userId}.</summary>
    public Task UpdateAsync(string userId, ZoomUserUpdate update, CancellationToken ct = default) =>
        _transport.SendAsync(new ZoomRequest(HttpMethod.Patch, "users/" + ZoomRequest.Segment(userId), ZoomRateLimitLabel.Light) { Body = update }, ct);

    /// <summary>PUT /users/{userId}/status {"action":"activate"}.</summary>
    public Task ActivateAsync(string userId, CancellationToken ct = default) => SetStatusAsync(userId, "activate", ct);

    /// <summary>PUT /users/{userId}/status {"action":"deactivate"}: sign-in blocked, meeting links stop working.</summary>
    public Task DeactivateAsync(string userId, CancellationToken ct = default) => SetStatusAsync(userId, "deactivate", ct);

    /// <summary>PUT /users/{userId}/password.</summary>
    public Task SetPasswordAsync(string userId, string password, CancellationToken ct = default) =>
        _transport.SendAsync(new ZoomRequest(HttpMethod.Put, "users/" + ZoomRequest.Segment(userId) + "/password", ZoomRateLimitLabel.Medium)
        { Body = new ZoomPasswordBody(password) }, ct);

    /// <summary>DELETE /users/{userId}?action=disassociate|delete with optional transfer_email/transfer_meeting/transfer_webinar/transfer_recording.</summary>
    public Task RemoveAsync(string userId, ZoomRemoveAction action = ZoomRemoveAction.Disassociate, ZoomTransferOptions? transfer = null,
        CancellationToken ct = default)
    {
        var request = new ZoomRequest(HttpMethod.Delete, "users/" + ZoomRequest.Segment(userId), ZoomRateLimitLabel.Light)
            .With("action", action == ZoomRemoveAction.Delete ? "delete" : "disassociate");
        if (transfer is not null)
        {
            request.With("transfer_email", transfer.TransferEmail)
                .With("transfer_meeting", transfer.Meetings)
                .With("transfer_webinar", transfer.Webinars)
                .With("transfer_recording", transfer.Recordings);
        }
        return _transport.SendAsync(request, ct);
    }

    /// <summary>GET /users/summary: counts per license type and pending users.</summary>
    public Task<ZoomUsersSummary> GetSummaryAsync(CancellationToken ct = default) =>
        _transport.SendAsync<ZoomUsersSummary>(new ZoomRequest(HttpMethod.Get, "users/summary", ZoomRateLimitLabel.Light), ct);

    private Task SetStatusAsync(string userId, string action, CancellationToken ct) =>
        _transport.SendAsync(new ZoomRequest(HttpMethod.Put, "users/" + ZoomRequest.Segment(userId) + "/status", ZoomRateLimitLabel.Light)
        { Body = new ZoomStatusBody(action) }, ct);

    private static string StatusName(ZoomUserStatus status) => status switch
    {
        ZoomUserStatus.Active => "active",
        ZoomUserStatus.Inactive => "inactive",
        ZoomUserStatus.Pending => "pending",
        ZoomUserStatus.Unknown => throw new ArgumentOutOfRangeException(nameof(status), "List users by Active, Inactive or Pending."),
    };
}
