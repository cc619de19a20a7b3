using OpenTelemetry.Metrics;

namespace Aulario.Web.Infrastructure;

public static class TelemetryExtensions
{
    /// <summary>Console logs: readable in Development, one JSON object per line elsewhere. Messages never carry secrets
    /// (the only exception is the one-time setup link, logged once on purpose).</summary>
    public static WebApplicationBuilder AddAularioLogging(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.IncludeScopes = false;
            });
        }
        return builder;
    }

    /// <summary>OpenTelemetry metrics (ASP.NET Core, HTTP client, runtime meters) exported for Prometheus.</summary>
    public static WebApplicationBuilder AddAularioTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddMeter("System.Net.Http", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>GET /metrics in Prometheus text format (anonymous: protect it at the reverse proxy if needed).</summary>
    public static WebApplication MapAularioTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
