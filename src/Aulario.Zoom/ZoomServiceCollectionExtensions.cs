using Aulario.Core.Conferencing;
using Aulario.Zoom.Auth;
using Aulario.Zoom.Conferencing;
using Aulario.Zoom.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aulario.Zoom;

/// <summary>Registers the Zoom client: options (validated at start), typed HttpClients, <c>ZoomClient</c> and <see cref="IConferencingProvider"/>.</summary>
public static class ZoomServiceCollectionExtensions
{
    /// <summary>Binds <c>Zoom</c> from configuration. Demo mode can then point it at the sandbox with <c>PostConfigure&lt;ZoomOptions&gt;</c>.</summary>
    public static IServiceCollection AddZoomClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ZoomOptions>().Bind(configuration.GetSection(ZoomOptions.SectionName));
        return services.AddZoomClientCore();
    }

    /// <summary>Configures the options in code (tests, demo mode).</summary>
    public static IServiceCollection AddZoomClient(this IServiceCollection services, Action<ZoomOptions> configure)
    {
        services.AddOptions<ZoomOptions>().Configure(configure);
        return services.AddZoomClientCore();
    }

    private static IServiceCollection AddZoomClientCore(this IServiceCollection services)
    {
        services.AddOptions<ZoomOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZoomOptions>, ZoomOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ZoomTokenProvider>();
        services.TryAddSingleton<ZoomRateLimiter>();
        services.TryAddSingleton<ZoomTrustedHosts>();
        services.TryAddTransient<ZoomAuthHandler>();

        services.AddHttpClient(ZoomTokenProvider.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        services.AddHttpClient<ZoomApiTransport>(ZoomApiTransport.HttpClientName, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<ZoomOptions>>().Value;
                http.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/') + "/");
                http.Timeout = Timeout.InfiniteTimeSpan; // each attempt is bounded by Zoom:Retry:RequestTimeout
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AllowAutoRedirect = false, // ZoomAuthHandler follows redirects and re-sends the Bearer header
            })
            .AddHttpMessageHandler<ZoomAuthHandler>();

        services.TryAddTransient(sp => new ZoomClient(
            sp.GetRequiredService<ZoomApiTransport>(), sp.GetRequiredService<ZoomTokenProvider>(), sp.GetRequiredService<ZoomTrustedHosts>()));
        services.TryAddTransient<IConferencingProvider, ZoomConferencingProvider>();
        return services;
    }
}
