using System.Globalization;
using Aulario.Core.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Aulario.Web.Infrastructure;

/// <summary>
/// The one place where Core's expected failures become HTTP: ProblemDetails for the API, ModelState errors for pages.
/// Validation → 400 (field errors), NotFound → 404, Conflict → 409, Forbidden → 403, Upstream → 502, RateLimited → 429 + Retry-After.
/// </summary>
public static class ErrorMapping
{
    public static int StatusCode(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Upstream => StatusCodes.Status502BadGateway,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
    };

    /// <summary>The ProblemDetails for a failed result. The first error decides the status; validation errors are grouped by field.</summary>
    public static ProblemDetails ToProblemDetails(IReadOnlyList<Error> errors)
    {
        if (errors.Count == 0) throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        var first = errors[0];
        var status = StatusCode(first.Kind);
        ProblemDetails problem;
        if (first.Kind == ErrorKind.Validation)
        {
            var fields = errors
                .Where(e => e.Kind == ErrorKind.Validation)
                .GroupBy(e => e.Field ?? "")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            problem = new ValidationProblemDetails(fields) { Title = first.Message };
        }
        else
        {
            problem = new ProblemDetails { Title = first.Message };
        }
        problem.Status = status;
        problem.Detail = errors.Count > 1 ? string.Join(" ", errors.Select(e => e.Message)) : null;
        problem.Extensions["code"] = first.Code;
        problem.Extensions["codes"] = errors.Select(e => e.Code).ToArray();
        if (first.RetryAt is { } retryAt) problem.Extensions["retryAt"] = retryAt;
        return problem;
    }

    /// <summary>An API result for a failure (adds Retry-After in seconds for rate limits).</summary>
    public static IResult ToHttpResult(IReadOnlyList<Error> errors, TimeProvider time) =>
        new ProblemResult(ToProblemDetails(errors), errors[0].RetryAt, time);

    public static IResult ToHttpResult<T>(this Result<T> result, Func<T, IResult> onSuccess, TimeProvider time) =>
        result.IsSuccess ? onSuccess(result.Value) : ToHttpResult(result.Errors, time);

    /// <summary>Adds the errors to a page's ModelState (field errors under their field, others as model-level errors).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IReadOnlyList<Error> errors, string? prefix = null)
    {
        foreach (var error in errors)
        {
            var key = error.Field is null ? "" : string.IsNullOrEmpty(prefix) ? error.Field : prefix + "." + error.Field;
            modelState.AddModelError(key, error.Message);
        }
    }

    private sealed class ProblemResult(ProblemDetails problem, DateTimeOffset? retryAt, TimeProvider time) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => problem.Status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
            if (retryAt is { } at)
            {
                var seconds = Math.Max(1, (int)Math.Ceiling((at - time.GetUtcNow()).TotalSeconds));
                httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }
            var service = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await service.WriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
        }
    }
}
