using Aulario.Zoom;

namespace Aulario.Web.Infrastructure;

public static class ZoomExtensions
{
    /// <summary>The Zoom REST client (section "Zoom"; in demo mode its URLs and credentials point at the embedded sandbox).</summary>
    public static WebApplicationBuilder AddAularioZoom(this WebApplicationBuilder builder)
    {
        builder.Services.AddZoomClient(builder.Configuration);
        return builder;
    }
}
