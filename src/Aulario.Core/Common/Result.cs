namespace Aulario.Core.Common;

/// <summary>The kinds of expected failure a use case can report. Mapped in one place to ProblemDetails / form errors.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    /// <summary>An external system (Zoom, SIU, SMTP) refused or failed; the message says what to do.</summary>
    Upstream,
    /// <summary>A rate limit or daily cap stops the work until <see cref="Error.RetryAt"/>.</summary>
    RateLimited,
}

/// <summary>An expected failure. <see cref="Code"/> is stable (for clients); <see cref="Message"/> is for people.</summary>
/// <param name="Field">The input field the error is about, when there is one (form field or JSON property).</param>
public sealed record Error(ErrorKind Kind, string Code, string Message, string? Field = null, DateTimeOffset? RetryAt = null)
{
    public static Error Validation(string code, string message, string? field = null) => new(ErrorKind.Validation, code, message, field);
    public static Error NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);
    public static Error Conflict(string code, string message, string? field = null) => new(ErrorKind.Conflict, code, message, field);
    public static Error Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);
    public static Error Upstream(string code, string message, string? field = null) => new(ErrorKind.Upstream, code, message, field);
}

/// <summary>Outcome of a use case: a value or one or more expected errors.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T value) { _value = value; Errors = []; }
    private Result(IReadOnlyList<Error> errors) { _value = default; Errors = errors; }

    public IReadOnlyList<Error> Errors { get; }
    public bool IsSuccess => Errors.Count == 0;
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("The result is a failure: " + Errors[0].Message);

    public static implicit operator Result<T>(T value) => new(value);
    public static implicit operator Result<T>(Error error) => new([error]);
    public static Result<T> Fail(IReadOnlyList<Error> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(errors);
}

/// <summary>Marker value for use cases that return nothing on success.</summary>
public readonly record struct Done;
