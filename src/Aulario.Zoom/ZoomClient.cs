using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Zoom.Assistants;
using Aulario.Zoom.Auth;
using Aulario.Zoom.Conferencing;
using Aulario.Zoom.Http;
using Aulario.Zoom.Meetings;
using Aulario.Zoom.Recordings;
using Aulario.Zoom.Reports;
using Aulario.Zoom.Settings;
using Aulario.Zoom.Users;

namespace Aulario.Zoom;

/// <summary>What <see cref="ZoomClient.CheckCredentialsAsync"/> learned: the token works, until when, with which scopes.</summary>
public sealed record ZoomCredentialsCheck(DateTimeOffset TokenExpiresAt, IReadOnlyList<string> Scopes);

/// <summary>
/// Zoom REST v2 client: one resource per API area. Calls throw <see cref="ZoomApiException"/> on Zoom errors
/// (decide on <see cref="ZoomError.Code"/>); the Core port <see cref="IConferencingProvider"/> turns them into values.
/// </summary>
public sealed class ZoomClient
{
    private readonly ZoomTokenProvider _tokens;

    internal ZoomClient(ZoomApiTransport transport, ZoomTokenProvider tokens, ZoomTrustedHosts trusted)
    {
        _tokens = tokens;
        Users = new ZoomUsersResource(transport);
        Settings = new ZoomSettingsResource(transport);
        Assistants = new ZoomAssistantsResource(transport);
        Meetings = new ZoomMeetingsResource(transport);
        Reports = new ZoomReportsResource(transport);
        Recordings = new ZoomRecordingsResource(transport, trusted);
    }

    public ZoomUsersResource Users { get; }
    public ZoomSettingsResource Settings { get; }
    public ZoomAssistantsResource Assistants { get; }
    public ZoomMeetingsResource Meetings { get; }
    public ZoomReportsResource Reports { get; }
    public ZoomRecordingsResource Recordings { get; }

    /// <summary>For the health check: asks for a token; a refusal comes back as a clear <see cref="Error"/>.</summary>
    public async Task<Result<ZoomCredentialsCheck>> CheckCredentialsAsync(CancellationToken ct = default)
    {
        try
        {
            var token = await _tokens.GetTokenAsync(ct).ConfigureAwait(false);
            return new ZoomCredentialsCheck(token.ExpiresAt, token.Scopes);
        }
        catch (ZoomApiException ex)
        {
            return ZoomErrorMapper.ToError(ex.Error, ZoomOperation.Other);
        }
    }
}
