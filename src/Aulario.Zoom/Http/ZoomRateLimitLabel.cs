namespace Aulario.Zoom;

/// <summary>Zoom's rate-limit label of an endpoint; limits are counted per label across the account.</summary>
public enum ZoomRateLimitLabel
{
    Light,
    Medium,
    Heavy,
}
