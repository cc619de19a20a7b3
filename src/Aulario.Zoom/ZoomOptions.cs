namespace Aulario.Zoom;

/// <summary>Zoom account plan; it decides the default per-second limit of each rate-limit label.</summary>
public enum ZoomPlan
{
    Free,
    Pro,
    Business,
    Education,
    Enterprise,
}

/// <summary>Configuration of the Zoom REST v2 client (section <c>Zoom</c>).</summary>
public sealed class ZoomOptions
{
    public const string SectionName = "Zoom";

    public string ApiBaseUrl { get; set; } = "https://api.zoom.us/v2";
    public string TokenUrl { get; set; } = "https://zoom.us/oauth/token";
    public string AccountId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    /// <summary>The account's managed (associated) domains, where <c>autoCreate</c> is allowed.</summary>
    public List<string> ManagedDomains { get; set; } = [];
    public ZoomPlan Plan { get; set; } = ZoomPlan.Education;
    /// <summary>Per-second overrides of the plan's limits.</summary>
    public ZoomRateLimitOptions RateLimits { get; set; } = new();
    public ZoomRetryOptions Retry { get; set; } = new();
    /// <summary>A cached token is renewed this long before it expires.</summary>
    public TimeSpan TokenRefreshSkew { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>page_size sent on every page of a list (Zoom allows 1–300); kept constant across pages.</summary>
    public int PageSize { get; set; } = 300;
    /// <summary>How many calls may wait for a rate-limit permit at once, per label.</summary>
    public int RateLimitQueueLimit { get; set; } = 10_000;
    /// <summary>Hosts (besides the API and token hosts) that may receive the Bearer token on a recording download or redirect.</summary>
    public List<string> TrustedDownloadHostSuffixes { get; set; } = [];

    /// <summary>The per-second limit of a label: the override when set, else the plan's number.</summary>
    public int PerSecond(ZoomRateLimitLabel label) => label switch
    {
        ZoomRateLimitLabel.Light => RateLimits.Light ?? PlanLimits(Plan).Light,
        ZoomRateLimitLabel.Medium => RateLimits.Medium ?? PlanLimits(Plan).Medium,
        ZoomRateLimitLabel.Heavy => RateLimits.Heavy ?? PlanLimits(Plan).Heavy,
    };

    private static (int Light, int Medium, int Heavy) PlanLimits(ZoomPlan plan) => plan switch
    {
        ZoomPlan.Free => (4, 2, 1),
        ZoomPlan.Pro => (30, 20, 10),
        ZoomPlan.Business or ZoomPlan.Education or ZoomPlan.Enterprise => (80, 60, 40),
    };
}

/// <summary>Per-second limits per label; null keeps the plan's number.</summary>
public sealed class ZoomRateLimitOptions
{
    public int? Light { get; set; }
    public int? Medium { get; set; }
    public int? Heavy { get; set; }
}

/// <summary>Bounds of the retries on 429 (QPS), 5xx and timeouts.</summary>
public sealed class ZoomRetryOptions
{
    /// <summary>Total attempts of one call, the first included.</summary>
    public int MaxAttempts { get; set; } = 4;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A 429 whose Retry-After is further away than this is reported, not waited for.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Time limit of one attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
