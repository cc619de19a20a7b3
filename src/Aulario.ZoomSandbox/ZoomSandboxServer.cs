using Aulario.ZoomSandbox.Api;
using Aulario.ZoomSandbox.Assistants;
using Aulario.ZoomSandbox.Auth;
using Aulario.ZoomSandbox.Control;
using Aulario.ZoomSandbox.Faults;
using Aulario.ZoomSandbox.Mailbox;
using Aulario.ZoomSandbox.RateLimiting;
using Aulario.ZoomSandbox.Recordings;
using Aulario.ZoomSandbox.Reports;
using Aulario.ZoomSandbox.Settings;
using Aulario.ZoomSandbox.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aulario.ZoomSandbox;

/// <summary>
/// A stateful emulator of the Zoom REST v2 endpoints Aulario uses, over real HTTP on loopback (ADR 0003):
/// same paths, JSON field names, status and error codes, rate-limit headers, pending users with activation links,
/// injectable faults, signed webhooks.
/// </summary>
public sealed class ZoomSandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ZoomSandboxServer(WebApplication app, Uri baseUrl, SandboxState state, SandboxControl control)
    {
        _app = app;
        BaseUrl = baseUrl;
        State = state;
        Control = control;
    }

    public Uri BaseUrl { get; }
    public string ApiBaseUrl => BaseUrl + "v2";
    public string TokenUrl => BaseUrl + "oauth/token";
    public SandboxState State { get; }
    public SandboxControl Control { get; }

    public static async Task<ZoomSandboxServer> StartAsync(ZoomSandboxOptions options, int port = 0, TimeProvider? time = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = typeof(ZoomSandboxServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        ConfigureServices(builder.Services, options, time ?? TimeProvider.System);
        var app = builder.Build();
        app.MapZoomSandbox();
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.TrimEnd('/') + "/");
        app.Services.GetRequiredService<SandboxContext>().BaseUrl = baseUrl;
        if (options.SeedDemoData) DemoSeed.Apply(app.Services);
        return new ZoomSandboxServer(app, baseUrl, app.Services.GetRequiredService<SandboxState>(), app.Services.GetRequiredService<SandboxControl>());
    }

    /// <summary>Registers the sandbox's services; throws <see cref="OptionsValidationException"/> for invalid options.</summary>
    public static void ConfigureServices(IServiceCollection services, ZoomSandboxOptions options, TimeProvider time)
    {
        var check = new ZoomSandboxOptionsValidator().Validate(null, options);
        if (check.Failed) throw new OptionsValidationException(nameof(ZoomSandboxOptions), typeof(ZoomSandboxOptions), check.Failures);
        var state = new SandboxState();
        foreach (var e in options.ForeignEmails) state.ForeignEmails[e] = true;
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(state);
        services.AddSingleton<SandboxContext>();
        services.AddSingleton(sp => new SandboxLimits(options, time));
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<SandboxControl>();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(3));
        services.AddRouting();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Where the sandbox is reachable (for activation and join links).</summary>
public sealed class SandboxContext
{
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1/");
}

public static class ZoomSandboxEndpoints
{
    /// <summary>Maps the API (/v2, /oauth/token), the join links (/j), recordings downloads and the sandbox's own pages and controls (/_sandbox).</summary>
    public static void MapZoomSandbox(this WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            // Zoom puts a tracking id on every response (give it to Zoom support).
            ctx.Response.Headers["x-zm-trackingid"] = "WEB_" + Guid.NewGuid().ToString("N");
            await next();
        });
        app.UseRouting();
        app.UseMiddleware<ApiPipeline>();
        TokenEndpoint.Map(app);
        UserEndpoints.Map(app);
        SettingsEndpoints.Map(app);
        JoinLinks.Map(app);
        AssistantEndpoints.Map(app);
        ReportEndpoints.Map(app);
        RecordingEndpoints.Map(app);
        MailboxEndpoints.Map(app);
        ControlEndpoints.Map(app);
    }
}
