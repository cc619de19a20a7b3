using System.Security.Claims;
using Aulario.Core.Classrooms;
using Aulario.Core.Common;
using Aulario.Web.Features.Jobs;
using Aulario.Web.Features.Portals;
using Aulario.Web.Infrastructure;

namespace Aulario.Web.Features.Classrooms;

/// <summary>REST /api/v1/classrooms: preview, start "Nueva aula" / "Reemplazar cuenta", set or generate and reveal the student passcode.</summary>
public static class ClassroomEndpoints
{
    public static WebApplication MapClassroomsApi(this WebApplication app)
    {
        var g = app.MapGroup("/api/v1/classrooms").RequireAuthorization(AuthPolicies.Admin).WithTags("classrooms");
        g.MapPost("/preview", async (AssignBody? body, ClassroomCommands commands, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                body is null ? MissingBody(time)
                    : (await commands.PreviewAsync(body.ToRequest(), me.Scope, ct)).ToHttpResult(p => TypedResults.Ok(PreviewResponse.From(p)), time))
            .WithName("PreviewClassroom").WithSummary("Vista previa del cambio en SIU (enlace, nombre y código: anterior → nuevo); no cambia nada")
            .Produces<PreviewResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("", async (AssignBody? body, ClaimsPrincipal user, ClassroomCommands commands, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                body is null ? MissingBody(time)
                    : (await commands.StartAssignAsync(body.ToRequest(), PortalEndpoints.ActorOf(user), me.Scope, ct)).ToHttpResult(JobEndpoints.Started, time))
            .WithName("AssignClassroom").WithSummary("Nueva aula / Reemplazar cuenta como un trabajo durable: cuenta → activación → contraseña → enlace → SIU → finalizar la anterior")
            .Produces<JobStartedResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapGet("/{id:guid}", async (Guid id, ClassroomQueries queries, TimeProvider time, CurrentUser me, CancellationToken ct) =>
            {
                var found = await queries.GetAsync(id, me.Scope, ct);
                if (!found.IsSuccess) return ErrorMapping.ToHttpResult(found.Errors, time);
                var rows = await queries.ListAsync(found.Value.PortalId, me.Scope, null, ct);
                return rows.ToHttpResult(r => TypedResults.Ok(ClassroomResponse.From(r.First(x => x.Id == id))), time);
            })
            .WithName("GetClassroom").WithSummary("Un aula virtual").Produces<ClassroomResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/passcode", async (Guid id, PasscodeBody? body, ClaimsPrincipal user, ClassroomQueries queries, ClassroomCommands commands,
                TimeProvider time, CurrentUser me, CancellationToken ct) =>
            {
                var found = await queries.GetAsync(id, me.Scope, ct);
                if (!found.IsSuccess) return ErrorMapping.ToHttpResult(found.Errors, time);
                var passcode = body is null || body.Generate || string.IsNullOrEmpty(body.Passcode) ? null : body.Passcode;
                return (await commands.StartPasscodeChangeAsync(found.Value.PortalId, [id], passcode, PortalEndpoints.ActorOf(user), me.Scope, ct))
                    .ToHttpResult(JobEndpoints.Started, time);
            })
            .WithName("SetClassroomPasscode").WithSummary("Cambia la contraseña de alumno (elegida o generada) en Zoom y en Aulario; si el enlace la incluye (pwd=), también en SIU")
            .Produces<JobStartedResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/passcode/reveal", async (Guid id, ClaimsPrincipal user, ClassroomCommands commands, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                (await commands.RevealPasscodeAsync(id, PortalEndpoints.ActorOf(user), me.Scope, ct))
                    .ToHttpResult(p => TypedResults.Ok(new RevealedPasscodeResponse(p)), time))
            .WithName("RevealClassroomPasscode").WithSummary("Muestra la contraseña de alumno; cada consulta queda auditada")
            .Produces<RevealedPasscodeResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult MissingBody(TimeProvider time) =>
        ErrorMapping.ToHttpResult([Error.Validation("request.body-required", "Falta el cuerpo JSON de la solicitud.")], time);
}
