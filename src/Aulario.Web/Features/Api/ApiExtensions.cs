using Aulario.Web.Features.Audit;
using Aulario.Web.Infrastructure;
using Scalar.AspNetCore;

namespace Aulario.Web.Features.Api;

public static class ApiExtensions
{
    public static WebApplicationBuilder AddAularioApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Aulario API";
            document.Info.Version = "v1";
            document.Info.Description = "API REST de Aulario: cuentas Zoom como aulas virtuales, sincronizadas con SIU-Guaraní.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>/openapi/v1.json, the API reference at /api/docs, and the /api/v1 group (signed-in admins).</summary>
    public static WebApplication MapAularioApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Aulario API")
                // Scalar resolves the document relative to /api/docs/; this lands on /openapi/v1.json.
                .WithOpenApiRoutePattern("../../openapi/{documentName}.json"))
            .AllowAnonymous();

        var v1 = app.MapGroup("/api/v1").RequireAuthorization(AuthPolicies.Admin).WithTags("v1");
        v1.MapMeEndpoints();
        v1.MapAuditEndpoints();
        return app;
    }
}
