namespace Aulario.ZoomSandbox;

/// <summary>Configuration of the Zoom sandbox (section "ZoomSandbox" when run alone).</summary>
public sealed class ZoomSandboxOptions
{
    public string AccountId { get; set; } = "sandbox-account";
    public string ClientId { get; set; } = "sandbox-client";
    /// <summary>Required: no default secret. Demo mode generates one at start.</summary>
    public string ClientSecret { get; set; } = "";
    /// <summary>Domains where <c>autoCreate</c> is allowed (the account's managed domains).</summary>
    public List<string> ManagedDomains { get; set; } = [];
    /// <summary>The account has SSO with "Pre-provisioning SSO User" enabled: only then does <c>action=ssoCreate</c> work
    /// (otherwise 400/2002). ssoCreate users are active at once, have no password and sign in through SSO (login_type 101).</summary>
    public bool SsoEnabled { get; set; }
    /// <summary>Emails that already hold accounts in other Zoom accounts (create → 409/1009).</summary>
    public List<string> ForeignEmails { get; set; } = [];
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long an <c>action=create</c> invitation stays valid; afterwards GET /users/{id} answers 404/1120.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(30);
    /// <summary>Licenses the account owns (type 2 users); null = unlimited. Beyond it Zoom answers 400/200 "You can add max {n} paid users".</summary>
    public int? LicenseCount { get; set; }
    /// <summary>Per-second limits per rate-limit label (Business/Education defaults).</summary>
    public int LightPerSecond { get; set; } = 80;
    public int MediumPerSecond { get; set; } = 60;
    public int HeavyPerSecond { get; set; } = 40;
    /// <summary>Daily cap of <c>POST /users action=create</c> (Business+: 10,000).</summary>
    public int DailyCreateCap { get; set; } = 10_000;
    /// <summary>Daily cap per label; 0 = none (Zoom has none on Light/Medium for Business+).</summary>
    public int DailyLightCap { get; set; }
    public int DailyMediumCap { get; set; }
    public int DailyHeavyCap { get; set; } = 60_000;
    public SandboxFaults Faults { get; set; } = new();
    /// <summary>When set, the sandbox POSTs signed webhooks (x-zm-signature) for user events to this URL.</summary>
    public string? WebhookUrl { get; set; }
    public string? WebhookSecretToken { get; set; }
    /// <summary>Seed a demo account: users on the managed domain, some pending, classrooms, recordings.</summary>
    public bool SeedDemoData { get; set; }
}

/// <summary>Random faults injected into API calls (not into the token endpoint or the control endpoints).</summary>
public sealed class SandboxFaults
{
    public double Probability429 { get; set; }
    public double Probability5xx { get; set; }
    public double ProbabilityTimeout { get; set; }
    /// <summary>How long a "timeout" fault holds the request before answering 504 (the client should give up first).</summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan SlowReply { get; set; } = TimeSpan.Zero;
    /// <summary>How injected QPS 429s express Retry-After: "seconds" or "date".</summary>
    public string RetryAfterFormat { get; set; } = "seconds";
}
