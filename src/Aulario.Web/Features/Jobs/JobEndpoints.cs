using System.Security.Claims;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Web.Infrastructure;

namespace Aulario.Web.Features.Jobs;

public sealed record JobStartedResponse(Guid JobId, string Url, string Page);

public sealed record JobStepResponse(string Name, string State);

public sealed record JobItemResponse(string Key, string Status, string Step, string? Message, int Attempts, IReadOnlyList<JobStepResponse> Steps);

public sealed record JobResponse(
    Guid Id, string Kind, string Status, string? StatusMessage, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int Total, int Succeeded, int Failed, int Waiting, int Remaining, int Percent, double? SecondsLeft, bool Finished, IReadOnlyList<JobItemResponse> Items)
{
    public static JobResponse From(JobView v) => new(v.Job.Id, v.Job.Kind, Lower(v.Job.Status.ToString()), v.Job.StatusMessage, v.Job.CreatedBy, v.Job.CreatedAt,
        v.Job.StartedAt, v.Job.FinishedAt, v.Progress.Total, v.Progress.Succeeded, v.Progress.Failed, v.Progress.Waiting, v.Progress.Remaining, v.Percent,
        v.Progress.EstimatedTimeLeft?.TotalSeconds, v.Finished,
        v.Items.Select(i => new JobItemResponse(i.Key, Lower(i.Status.ToString()), i.Step, i.Message, i.Attempts,
            i.Steps.Select(s => new JobStepResponse(s.Name, Lower(s.State.ToString()))).ToList())).ToList());

    private static string Lower(string s) => s.ToLowerInvariant();
}

/// <summary>REST /api/v1/jobs: progress of a durable job (per-item steps, time left), cancel, retry the failed items.</summary>
public static class JobEndpoints
{
    public static IResult Started(Job job) =>
        TypedResults.Accepted($"/api/v1/jobs/{job.Id}", new JobStartedResponse(job.Id, $"/api/v1/jobs/{job.Id}", $"/trabajos/{job.Id}"));

    public static WebApplication MapJobsApi(this WebApplication app)
    {
        var g = app.MapGroup("/api/v1/jobs").RequireAuthorization(AuthPolicies.Admin).WithTags("jobs");
        g.MapGet("/{id:guid}", async (Guid id, IAularioDb db, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                (await JobEngine.ProgressAsync(db, id, me.Scope, time, ct)).ToHttpResult(p => TypedResults.Ok(JobResponse.From(JobView.From(p))), time))
            .WithName("GetJob").WithSummary("Progreso de un trabajo: pasos por ítem, porcentaje y tiempo restante estimado")
            .Produces<JobResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/cancel", async (Guid id, ClaimsPrincipal user, IAularioDb db, IAuditLog audit, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                (await JobEngine.CancelAsync(db, audit, id, me.Actor, me.Scope, ct)).ToHttpResult(_ => TypedResults.NoContent(), time))
            .WithName("CancelJob").WithSummary("Cancela el trabajo: los ítems pendientes no se ejecutan")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id:guid}/retry", async (Guid id, ClaimsPrincipal user, IAularioDb db, IAuditLog audit, TimeProvider time, CurrentUser me, CancellationToken ct) =>
                (await JobEngine.RetryFailedAsync(db, audit, id, me.Actor, me.Scope, ct)).ToHttpResult(_ => TypedResults.Accepted($"/api/v1/jobs/{id}"), time))
            .WithName("RetryJob").WithSummary("Reintenta los ítems fallidos o cancelados desde el paso en que quedaron")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
