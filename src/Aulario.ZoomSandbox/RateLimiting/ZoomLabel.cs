namespace Aulario.ZoomSandbox.RateLimiting;

/// <summary>Zoom's rate-limit label of an endpoint (zoom-api.md §6); limits are counted account-wide per label.</summary>
public sealed record ZoomLabel(string Name)
{
    public static readonly ZoomLabel Light = new("Light");
    public static readonly ZoomLabel Medium = new("Medium");
    public static readonly ZoomLabel Heavy = new("Heavy");
}
