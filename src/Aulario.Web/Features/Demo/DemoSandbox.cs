using System.Net;
using System.Net.Sockets;
using Aulario.Core.Secrets;
using Aulario.Zoom;
using Aulario.ZoomSandbox;

namespace Aulario.Web.Features.Demo;

/// <summary>
/// Demo mode (the embedded default): no Zoom:ClientId configured, so Aulario starts the Zoom sandbox in-process on a loopback
/// port with credentials generated at start, seeds demo data and points the Zoom client at it.
/// The port and the secret are fixed when the host is built, so ZoomOptions are complete when they are validated at start.
/// </summary>
public sealed class DemoSandbox
{
    public const string ManagedDomain = "aulas.demo.edu.ar";

    public DemoSandbox(int port, string clientSecret)
    {
        Port = port;
        ClientSecret = clientSecret;
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/");
    }

    public int Port { get; }
    public Uri BaseUrl { get; }
    public string ClientSecret { get; }
    public string AccountId => "aulario-demo";
    public string ClientId => "aulario-demo-client";
    public string ApiBaseUrl => BaseUrl + "v2";
    public string TokenUrl => BaseUrl + "oauth/token";
    public Uri MailboxUrl => new(BaseUrl, "_sandbox/mailbox");

    /// <summary>The running sandbox (set by <see cref="DemoSandboxHostedService"/> before the app serves requests).</summary>
    public ZoomSandboxServer? Server { get; internal set; }

    public static DemoSandbox Create() => new(FreeLoopbackPort(), SecretGenerator.Token());

    public ZoomSandboxOptions SandboxOptions() => new()
    {
        AccountId = AccountId,
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        ManagedDomains = [ManagedDomain],
        SsoEnabled = true, // the demo Zoom account has SSO, so Sso:ZoomProvisioning=SsoCreate works in demo mode
        SeedDemoData = true,
    };

    public void ApplyTo(ZoomOptions zoom)
    {
        zoom.ApiBaseUrl = ApiBaseUrl;
        zoom.TokenUrl = TokenUrl;
        zoom.AccountId = AccountId;
        zoom.ClientId = ClientId;
        zoom.ClientSecret = ClientSecret;
        zoom.ManagedDomains = [ManagedDomain];
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Starts the sandbox before the app serves requests (hosted services start before the server) and stops it at shutdown.</summary>
public sealed partial class DemoSandboxHostedService(DemoSandbox demo, TimeProvider time, ILogger<DemoSandboxHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        demo.Server = await ZoomSandboxServer.StartAsync(demo.SandboxOptions(), demo.Port, time, cancellationToken);
        LogStarted(demo.BaseUrl, demo.MailboxUrl);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (demo.Server is { } server) await server.DisposeAsync();
        demo.Server = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modo demo: Zoom:ClientId no está configurado; se usa el simulador de Zoom en {BaseUrl} (buzón: {MailboxUrl}).")]
    private partial void LogStarted(Uri baseUrl, Uri mailboxUrl);
}

public static class DemoModeExtensions
{
    /// <summary>Registers the embedded sandbox when Zoom:ClientId is empty. Must run before anything that talks to Zoom starts.</summary>
    public static WebApplicationBuilder AddAularioDemoMode(this WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Zoom:ClientId"])) return builder;
        var demo = DemoSandbox.Create();
        builder.Services.AddSingleton(demo);
        builder.Services.AddHostedService<DemoSandboxHostedService>();
        builder.Services.PostConfigure<ZoomOptions>(demo.ApplyTo);
        return builder;
    }

    public static bool IsDemo(this IServiceProvider services) => services.GetService<DemoSandbox>() is not null;
}
