using Microsoft.Extensions.Options;

namespace Aulario.ZoomSandbox;

/// <summary>Checks <see cref="ZoomSandboxOptions"/> when the sandbox starts.</summary>
public sealed class ZoomSandboxOptionsValidator : IValidateOptions<ZoomSandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, ZoomSandboxOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientSecret)) errors.Add("ZoomSandbox:ClientSecret is required (there is no default secret).");
        if (string.IsNullOrWhiteSpace(options.ClientId)) errors.Add("ZoomSandbox:ClientId is required.");
        if (string.IsNullOrWhiteSpace(options.AccountId)) errors.Add("ZoomSandbox:AccountId is required.");
        if (options.TokenLifetime <= TimeSpan.Zero) errors.Add("ZoomSandbox:TokenLifetime must be positive.");
        if (options.InvitationLifetime <= TimeSpan.Zero) errors.Add("ZoomSandbox:InvitationLifetime must be positive.");
        if (options.LightPerSecond < 1 || options.MediumPerSecond < 1 || options.HeavyPerSecond < 1) errors.Add("ZoomSandbox per-second limits must be at least 1.");
        if (options.DailyCreateCap < 0 || options.DailyLightCap < 0 || options.DailyMediumCap < 0 || options.DailyHeavyCap < 0) errors.Add("ZoomSandbox daily caps cannot be negative (0 = none).");
        if (options.LicenseCount is < 0) errors.Add("ZoomSandbox:LicenseCount cannot be negative.");
        if (options.ManagedDomains.Any(d => string.IsNullOrWhiteSpace(d) || d.TrimStart('@').Contains('@', StringComparison.Ordinal))) errors.Add("ZoomSandbox:ManagedDomains must hold domain names.");
        if (!string.IsNullOrWhiteSpace(options.WebhookUrl) && !Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out _)) errors.Add("ZoomSandbox:WebhookUrl must be an absolute URL.");
        if (!string.IsNullOrWhiteSpace(options.WebhookUrl) && string.IsNullOrEmpty(options.WebhookSecretToken)) errors.Add("ZoomSandbox:WebhookSecretToken is required with WebhookUrl.");
        var f = options.Faults;
        if (f.Probability429 < 0 || f.Probability5xx < 0 || f.ProbabilityTimeout < 0 || f.Probability429 + f.Probability5xx + f.ProbabilityTimeout > 1)
            errors.Add("ZoomSandbox:Faults probabilities must be between 0 and 1 and add up to at most 1.");
        if (f.TimeoutDelay < TimeSpan.Zero || f.SlowReply < TimeSpan.Zero) errors.Add("ZoomSandbox:Faults delays cannot be negative.");
        if (f.RetryAfterFormat is not ("seconds" or "date")) errors.Add("ZoomSandbox:Faults:RetryAfterFormat must be \"seconds\" or \"date\".");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
