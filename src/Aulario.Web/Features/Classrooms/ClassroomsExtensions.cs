using Aulario.Web.Features.Jobs;
using Aulario.Web.Features.Portals;

namespace Aulario.Web.Features.Classrooms;

public static class ClassroomsExtensions
{
    /// <summary>Demo classrooms (demo SIU, portal ISSP, three linked spaces). Register after the demo sandbox and the database start-up.</summary>
    public static WebApplicationBuilder AddAularioClassrooms(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<DemoClassrooms>();
        return builder;
    }

    /// <summary>/api/v1/portals, /api/v1/classrooms and /api/v1/jobs.</summary>
    public static WebApplication MapAularioClassrooms(this WebApplication app)
    {
        app.MapPortalsApi();
        app.MapClassroomsApi();
        app.MapJobsApi();
        return app;
    }
}
