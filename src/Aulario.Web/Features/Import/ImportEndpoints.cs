using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Import;
using Aulario.Web.Infrastructure;

namespace Aulario.Web.Features.Import;

/// <summary>
/// REST: POST /api/v1/accounts/import and POST /api/v1/classrooms/import?portalId= (dry runs; the CSV as multipart "file" or as the
/// text/csv body), then POST …/import/{jobId}/apply.
/// </summary>
public static class ImportEndpoints
{
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static WebApplication MapAccountImport(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/accounts/import").RequireAuthorization(AuthPolicies.Admin).WithTags("v1");
        group.MapPost("", async (HttpRequest request, AccountImport import, TimeProvider time, Guid? portalId, CurrentUser me, CancellationToken ct) =>
        {
            var file = await ReadUploadAsync(request, ct);
            if (!file.IsSuccess) return ErrorMapping.ToHttpResult(file.Errors, time);
            var report = await import.DryRunAsync(file.Value, portalId, ActorOf(request.HttpContext), me.Scope, ct);
            return report.ToHttpResult(r => Results.Ok(r), time);
        }).DisableAntiforgery().WithName("ImportAccountsDryRun").WithSummary("Revisa un CSV de cuentas (no cambia nada; deja la importación lista para aplicar).");
        group.MapPost("/{jobId:guid}/apply", async (Guid jobId, HttpContext ctx, AccountImport import, TimeProvider time, CurrentUser me, CancellationToken ct) =>
            (await import.ApplyAsync(jobId, ActorOf(ctx), me.Scope, ct)).ToHttpResult(job => Results.Accepted($"/api/v1/jobs/{job.Id}", new { jobId = job.Id }), time))
            .WithName("ImportAccountsApply").WithSummary("Aplica una importación revisada: crea las cuentas de las filas válidas como un trabajo.");

        var classrooms = app.MapGroup("/api/v1/classrooms/import").RequireAuthorization(AuthPolicies.Admin).WithTags("classrooms");
        classrooms.MapPost("", async (HttpRequest request, ClassroomImport import, TimeProvider time, Guid? portalId, CancellationToken ct) =>
        {
            if (portalId is not { } portal)
                return ErrorMapping.ToHttpResult([Error.Validation("import.portal-required", "Indicá el portal (?portalId=).", "portalId")], time);
            var file = await ReadUploadAsync(request, ct);
            if (!file.IsSuccess) return ErrorMapping.ToHttpResult(file.Errors, time);
            var report = await import.DryRunAsync(file.Value, portal, ActorOf(request.HttpContext), CurrentUser.Of(request.HttpContext.User).Scope, ct);
            return report.ToHttpResult(r => TypedResults.Ok(ClassroomImportResponse.From(r)), time);
        }).DisableAntiforgery().WithName("ImportClassroomsDryRun")
            .WithSummary("Revisa un CSV de aulas de un portal contra SIU (no cambia nada; deja la importación lista para aplicar).")
            .Produces<ClassroomImportResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        classrooms.MapPost("/{jobId:guid}/apply", async (Guid jobId, HttpContext ctx, ClassroomImport import, TimeProvider time, CancellationToken ct) =>
            (await import.ApplyAsync(jobId, ActorOf(ctx), CurrentUser.Of(ctx.User).Scope, ct)).ToHttpResult(job => Results.Accepted($"/api/v1/jobs/{job.Id}", new { jobId = job.Id }), time))
            .WithName("ImportClassroomsApply")
            .WithSummary("Aplica una importación de aulas revisada: cada fila válida corre como «Nueva aula» / «Reemplazar cuenta» en un trabajo.");
        return app;
    }

    internal static Actor ActorOf(HttpContext ctx) => CurrentUser.Of(ctx.User).Actor;

    internal static async Task<Result<byte[]>> ReadUploadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxUploadBytes)
            return Error.Validation("import.file-too-large", "El archivo supera los 20 MB.", "file");
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0) return Error.Validation("import.no-file", "Elegí un archivo CSV.", "file");
            if (file.Length > MaxUploadBytes) return Error.Validation("import.file-too-large", "El archivo supera los 20 MB.", "file");
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            return ms.ToArray();
        }
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        return body.Length == 0 ? Error.Validation("import.no-file", "Enviá el CSV en el cuerpo (text/csv) o como archivo «file».", "file") : body.ToArray();
    }
}
