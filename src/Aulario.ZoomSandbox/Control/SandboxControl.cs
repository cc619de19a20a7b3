using Aulario.ZoomSandbox.Mailbox;
using Aulario.ZoomSandbox.RateLimiting;

namespace Aulario.ZoomSandbox;

/// <summary>New per-second and daily limits (null = unchanged); POST /_sandbox/limits.</summary>
public sealed record LimitsInput(int? LightPerSecond, int? MediumPerSecond, int? HeavyPerSecond, int? DailyCreateCap, int? DailyLightCap, int? DailyMediumCap, int? DailyHeavyCap);

/// <summary>In-process access to the same operations as the /_sandbox control endpoints.</summary>
public sealed class SandboxControl(SandboxState state, ZoomSandboxOptions options, SandboxLimits limits, WebhookSender webhooks, SandboxContext context, TimeProvider time)
{
    /// <summary>Replaces the random faults (they apply to /v2 calls only).</summary>
    public void SetFaults(SandboxFaults faults)
    {
        var check = new ZoomSandboxOptionsValidator().Validate(null, new ZoomSandboxOptions { ClientSecret = "x", Faults = faults });
        if (check.Failed) throw new ArgumentException(check.FailureMessage, nameof(faults));
        options.Faults = faults;
    }

    /// <summary>Forces the next matching responses, in order.</summary>
    public void Enqueue(params ScriptedFault[] faults) => state.Script.Enqueue(faults);

    /// <summary>Every issued token stops working now (the next call gets 401/124).</summary>
    public void ExpireTokens() { foreach (var key in state.Tokens.Keys) state.Tokens[key] = DateTimeOffset.MinValue; }

    public void SetLimits(LimitsInput input)
    {
        options.LightPerSecond = input.LightPerSecond ?? options.LightPerSecond;
        options.MediumPerSecond = input.MediumPerSecond ?? options.MediumPerSecond;
        options.HeavyPerSecond = input.HeavyPerSecond ?? options.HeavyPerSecond;
        options.DailyCreateCap = input.DailyCreateCap ?? options.DailyCreateCap;
        options.DailyLightCap = input.DailyLightCap ?? options.DailyLightCap;
        options.DailyMediumCap = input.DailyMediumCap ?? options.DailyMediumCap;
        options.DailyHeavyCap = input.DailyHeavyCap ?? options.DailyHeavyCap;
        limits.Reset();
    }

    /// <summary>Forgets everything (users, tokens, mail, counters, scripted faults); re-seeds the demo account when SeedDemoData is on.</summary>
    public void Reset()
    {
        state.Clear();
        limits.Reset();
        if (options.SeedDemoData) DemoSeed.Apply(state, options, time, context.BaseUrl);
    }

    /// <summary>Activates a pending user as if they had used the emailed link.</summary>
    public bool Activate(string idOrEmail)
    {
        var user = state.Find(idOrEmail);
        if (user is not { Status: "pending" }) return false;
        Activation.Complete(state, webhooks, user, time.GetUtcNow());
        return true;
    }

    public object Stats() => state.Stats.Snapshot();
}
