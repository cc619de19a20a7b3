using System.Security.Claims;
using Aulario.Core.Audit;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Core.Portals;
using Aulario.Web.Features.Classrooms;
using Aulario.Web.Features.Jobs;
using Aulario.Web.Infrastructure;

namespace Aulario.Web.Features.Portals;

/// <summary>REST /api/v1/portals: list, create, edit, test the SIU connection, the portal's classrooms and SIU spaces, bulk passcode rotation.</summary>
public static class PortalEndpoints
{
    public static WebApplication MapPortalsApi(this WebApplication app)
    {
        var g = app.MapGroup("/api/v1/portals").RequireAuthorization(AuthPolicies.Admin).WithTags("portals");
        g.MapGet("", async (PortalCommands portals, CurrentUser me, CancellationToken ct) =>
                TypedResults.Ok((await portals.ListAsync(me.Scope, ct)).Select(PortalResponse.From).ToList()))
            .WithName("ListPortals").WithSummary("Portales (unidades académicas con su base de SIU); la cadena de conexión nunca se devuelve")
            .Produces<List<PortalResponse>>();
        g.MapGet("/{id:guid}", async (Guid id, PortalCommands portals, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                (await portals.GetAsync(id, me.Scope, ct)).ToHttpResult(p => TypedResults.Ok(PortalResponse.From(p)), time))
            .WithName("GetPortal").WithSummary("Un portal").Produces<PortalResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("", (PortalBody? body, ClaimsPrincipal user, PortalCommands portals, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                SaveAsync(null, body, user, portals, time, ct))
            .WithName("CreatePortal").WithSummary("Crea un portal: nombre, código (p. ej. ISSP), cadena de conexión a SIU (se guarda cifrada), nombres de SIU y usuario de auditoría")
            .Produces<PortalResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPut("/{id:guid}", (Guid id, PortalBody? body, ClaimsPrincipal user, PortalCommands portals, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                SaveAsync(id, body, user, portals, time, ct))
            .WithName("EditPortal").WithSummary("Edita un portal; sin cadena de conexión se conserva la guardada")
            .Produces<PortalResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/test", async (Guid id, PortalCommands portals, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                (await portals.TestConnectionAsync(id, me.Scope, ct)).ToHttpResult(r => TypedResults.Ok(ConnectionReportResponse.From(r)), time))
            .WithName("TestPortalConnection").WithSummary("Probar conexión: tabla y columnas, longitudes máximas y codificación del servidor, con los problemas en palabras simples")
            .Produces<ConnectionReportResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway);
        g.MapGet("/{id:guid}/classrooms", async (Guid id, string? q, ClassroomQueries queries, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                (await queries.ListAsync(id, me.Scope, q, ct)).ToHttpResult(rows => TypedResults.Ok(rows.Select(ClassroomResponse.From).ToList()), time))
            .WithName("ListClassrooms").WithSummary("Aulas virtuales del portal: espacio de SIU, cuenta Zoom y su estado, estado de la contraseña de alumno")
            .Produces<List<ClassroomResponse>>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapGet("/{id:guid}/spaces", async (Guid id, string? q, ClassroomQueries queries, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                (await queries.SearchSpacesAsync(id, q, me.Scope, ct)).ToHttpResult(s => TypedResults.Ok(s.Select(SpaceResponse.From).ToList()), time))
            .WithName("SearchSpaces").WithSummary("Busca espacios de SIU del portal (nombre o código)")
            .Produces<List<SpaceResponse>>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway);
        g.MapPost("/{id:guid}/passcodes/rotate", async (Guid id, RotateBody? body, ClaimsPrincipal user, ClassroomCommands commands, TimeProvider time,
                    CurrentUser me, CancellationToken ct) =>
                (await commands.StartPasscodeChangeAsync(id, body?.ClassroomIds is { Count: > 0 } ids ? ids : null, null, ActorOf(user), me.Scope, ct))
                    .ToHttpResult(JobEndpoints.Started, time))
            .WithName("RotatePasscodes").WithSummary("Genera una contraseña de alumno nueva para las aulas indicadas (o todas las del portal) como un solo trabajo")
            .Produces<JobStartedResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    internal static Actor ActorOf(ClaimsPrincipal user) => CurrentUser.Of(user).Actor;

    private static async Task<IResult> SaveAsync(Guid? id, PortalBody? body, ClaimsPrincipal user, PortalCommands portals, TimeProvider time, CancellationToken ct)
    {
        if (body is null)
            return ErrorMapping.ToHttpResult([Error.Validation("request.body-required", "Falta el cuerpo JSON de la solicitud.")], time);
        var input = body.ToInput();
        if (!input.IsSuccess) return ErrorMapping.ToHttpResult(input.Errors, time);
        var saved = await portals.SaveAsync(id, input.Value, ActorOf(user), CurrentUser.Of(user).Scope, ct);
        return saved.ToHttpResult(p => id is null
            ? (IResult)TypedResults.Created($"/api/v1/portals/{p.Id}", PortalResponse.From(p))
            : TypedResults.Ok(PortalResponse.From(p)), time);
    }
}

public sealed record RotateBody(IReadOnlyCollection<Guid>? ClassroomIds);
