using System.Text.Json;
using Aulario.ZoomSandbox.Features;
using Aulario.ZoomSandbox.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    public static void ConfigureServices(IServiceCollection services, ZoomSandboxOptions options, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
            throw new InvalidOperationException("ZoomSandbox:ClientSecret is required (there is no default secret).");
        var state = new SandboxState();
        foreach (var e in options.ForeignEmails) state.ForeignEmails.Add(e);
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(state);
        services.AddSingleton<SandboxContext>();
        services.AddSingleton(sp => new SandboxLimits(options, time));
        services.AddSingleton<SandboxControl>();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(3));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
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
    /// <summary>Maps the API (/v2, /oauth/token), the join links (/j), and the sandbox's own pages and controls (/_sandbox).</summary>
    public static void MapZoomSandbox(this WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            var ctxInfo = ctx.RequestServices.GetRequiredService<SandboxContext>();
            if (ctxInfo.BaseUrl.Host == "127.0.0.1" && ctxInfo.BaseUrl.Port == 80)
                ctxInfo.BaseUrl = new Uri($"{ctx.Request.Scheme}://{ctx.Request.Host}/");
            await next();
        });
        app.UseRouting();
        app.UseMiddleware<ApiPipeline>();
        AuthEndpoints.Map(app);
        UserEndpoints.Map(app);
        SettingsEndpoints.Map(app);
        AssistantEndpoints.Map(app);
        MeetingEndpoints.Map(app);
        MailboxEndpoints.Map(app);
        ControlEndpoints.Map(app);
    }
}
