namespace Aulario.Zoom.Auth;

/// <summary>A Server-to-Server OAuth access token and when it stops being valid.</summary>
public sealed record ZoomAccessToken(string Value, DateTimeOffset ExpiresAt, IReadOnlyList<string> Scopes)
{
    public override string ToString() => $"ZoomAccessToken(expires {ExpiresAt:O}, {Scopes.Count} scopes)";
}
