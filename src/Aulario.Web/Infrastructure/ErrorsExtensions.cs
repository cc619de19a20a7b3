using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Infrastructure;

public static class ErrorsExtensions
{
    public static WebApplicationBuilder AddAularioErrors(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            // Bare status codes (e.g. a JSON body that does not bind) get a Spanish title instead of "Bad Request".
            if (ctx.ProblemDetails.Status == StatusCodes.Status400BadRequest && ctx.ProblemDetails.Title is null or "Bad Request")
                ctx.ProblemDetails.Title = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()["Problem.BadRequest"];
        });
        // The same in every environment: a body that does not bind is a 400, never an exception.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();
        return builder;
    }

    /// <summary>Unexpected exceptions go to <see cref="UnhandledExceptionHandler"/>; pages re-execute the friendly error page,
    /// and bare status codes on pages (404, 403, 400) get it too.</summary>
    public static WebApplication UseAularioErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        // The API answers bare status codes with ProblemDetails; pages with the friendly error page.
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        // SCIM answers them with SCIM error documents (application/scim+json).
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/scim"), scim => scim.UseStatusCodePages(Features.Scim.ScimResults.WriteStatusAsync));
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api") && !ctx.Request.Path.StartsWithSegments("/scim"),
            pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }
}

/// <summary>
/// The one handler for unexpected exceptions: logs them, answers ProblemDetails 500 on /api (no stack trace),
/// and lets pages fall through to the friendly error page.
/// </summary>
public sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> t,
    ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            LogBadRequest(httpContext.Request.Path, bad.Message);
            httpContext.Response.StatusCode = bad.StatusCode;
        }
        else
        {
            LogUnhandled(exception, httpContext.Request.Path);
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
        var status = httpContext.Response.StatusCode;
        if (httpContext.Request.Path.StartsWithSegments("/scim"))
        {
            await Features.Scim.ScimResults.WriteErrorAsync(httpContext, status, status == StatusCodes.Status400BadRequest ? "invalidSyntax" : null,
                status == StatusCodes.Status500InternalServerError ? t["Problem.Unexpected"] : t["Problem.BadRequest"]);
            return true;
        }
        // Pages: returning false lets the middleware re-execute /error (the friendly page) with this status.
        if (!httpContext.Request.Path.StartsWithSegments("/api")) return false;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status500InternalServerError ? t["Problem.Unexpected"] : t["Problem.BadRequest"],
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Error inesperado en {Path}")]
    private partial void LogUnhandled(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Solicitud inválida en {Path}: {Reason}")]
    private partial void LogBadRequest(string path, string reason);
}
