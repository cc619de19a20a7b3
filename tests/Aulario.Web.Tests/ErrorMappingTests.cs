using System.Text.Json;
using Aulario.Core.Common;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Aulario.Web.Tests;

/// <summary>Core's Error kinds → HTTP, through the app's real ProblemDetails service.</summary>
public sealed class ErrorMappingTests(ErrorMappingTests.Fixture fixture) : IClassFixture<ErrorMappingTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AularioWebFactory App { get; } = new();
        public Task InitializeAsync() { _ = App.Services; return Task.CompletedTask; }
        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private static readonly DateTimeOffset Now = new(2026, 3, 9, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<ErrorKind, int> Kinds => new()
    {
        { ErrorKind.Validation, 400 },
        { ErrorKind.NotFound, 404 },
        { ErrorKind.Conflict, 409 },
        { ErrorKind.Forbidden, 403 },
        { ErrorKind.Upstream, 502 },
        { ErrorKind.RateLimited, 429 },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EachKind_BecomesProblemDetailsWithItsStatus(ErrorKind kind, int status)
    {
        var error = new Error(kind, "prueba." + kind.ToString().ToLowerInvariant(), "Mensaje de " + kind, kind == ErrorKind.Validation ? "email" : null,
            kind == ErrorKind.RateLimited ? Now.AddSeconds(42) : null);

        var (http, json) = await ExecuteAsync([error]);

        Assert.Equal(status, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.Equal(status, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Mensaje de " + kind, json.RootElement.GetProperty("title").GetString());
        Assert.Equal(error.Code, json.RootElement.GetProperty("code").GetString());
        if (kind == ErrorKind.Validation)
            Assert.Equal("Mensaje de Validation", json.RootElement.GetProperty("errors").GetProperty("email")[0].GetString());
        else
            Assert.False(json.RootElement.TryGetProperty("errors", out _));
        if (kind == ErrorKind.RateLimited)
            Assert.Equal("42", http.Response.Headers.RetryAfter.ToString());
        else
            Assert.False(http.Response.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task SeveralValidationErrors_AreGroupedByField()
    {
        var (_, json) = await ExecuteAsync([
            Error.Validation("a", "Falta el correo.", "email"),
            Error.Validation("b", "El correo es muy largo.", "email"),
            Error.Validation("c", "Falta el nombre.", "name"),
        ]);

        var errors = json.RootElement.GetProperty("errors");
        Assert.Equal(2, errors.GetProperty("email").GetArrayLength());
        Assert.Equal("Falta el nombre.", errors.GetProperty("name")[0].GetString());
    }

    [Fact]
    public void ModelState_GetsFieldAndModelLevelErrors()
    {
        var modelState = new ModelStateDictionary();

        modelState.AddErrors([Error.Validation("a", "Correo inválido.", "Email"), Error.Conflict("b", "Ya existe.")], "Input");

        Assert.Equal("Correo inválido.", Assert.Single(modelState["Input.Email"]!.Errors).ErrorMessage);
        Assert.Equal("Ya existe.", Assert.Single(modelState[""]!.Errors).ErrorMessage);
    }

    private async Task<(DefaultHttpContext Http, JsonDocument Json)> ExecuteAsync(IReadOnlyList<Error> errors)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Path = "/api/v1/prueba";
        http.Request.Headers.Accept = "application/json";
        var body = new MemoryStream();
        http.Response.Body = body;

        await ErrorMapping.ToHttpResult(errors, new FakeTimeProvider(Now)).ExecuteAsync(http);

        body.Position = 0;
        return (http, await JsonDocument.ParseAsync(body));
    }
}
