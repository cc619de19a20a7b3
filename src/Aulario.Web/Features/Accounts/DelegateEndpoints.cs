using Aulario.Core.Delegates;
using Aulario.Web.Infrastructure;

namespace Aulario.Web.Features.Accounts;

public sealed record DelegatePersonResponse(Guid AccountId, string Email, string DisplayName, DateTimeOffset? Since);

/// <summary>The account's delegates (from Zoom), the hosts that named it (from Aulario), and assistants Zoom lists that Aulario does not know.</summary>
public sealed record DelegatesResponse(Guid AccountId, string Email, IReadOnlyList<DelegatePersonResponse> Delegates,
    IReadOnlyList<DelegatePersonResponse> DelegateOf, IReadOnlyList<string> UnknownInZoom)
{
    public static DelegatesResponse From(DelegatesOverview o) => new(o.Account.Id, o.Account.Email, o.Delegates.Select(P).ToList(),
        o.DelegateOf.Select(P).ToList(), o.UnknownInZoom);

    private static DelegatePersonResponse P(DelegatePerson p) => new(p.AccountId, p.Email, p.DisplayName, p.Since);
}

/// <summary>One requested email: done, or the stable code and message of why not.</summary>
public sealed record DelegateOutcomeResponse(string Email, bool Done, string? Code, string? Message);

public sealed record DelegatesRequest(IReadOnlyList<string>? Emails);

/// <summary>REST /api/v1/accounts/{id}/delegates: list (both directions), add one or many, remove one or many (Zoom assistants).</summary>
public static class DelegateEndpoints
{
    public static WebApplication MapDelegatesApi(this WebApplication app)
    {
        var g = app.MapGroup("/api/v1/accounts/{id:guid}/delegates").RequireAuthorization(AuthPolicies.Admin).WithTags("accounts");
        g.MapGet("", async (Guid id, CurrentUser user, DelegateCommands c, TimeProvider time, CancellationToken ct) =>
                (await c.GetAsync(id, user.Actor, user.Scope, ct)).ToHttpResult(o => TypedResults.Ok(DelegatesResponse.From(o)), time))
            .WithName("ListDelegates")
            .WithSummary("Delegados de la cuenta (asistentes de Zoom, leídos de Zoom) y las cuentas que la nombraron delegado")
            .Produces<DelegatesResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway);
        g.MapPost("", async (Guid id, DelegatesRequest body, CurrentUser user, DelegateCommands c, TimeProvider time, CancellationToken ct) =>
                (await c.AddAsync(id, body.Emails ?? [], user.Actor, user.Scope, ct)).ToHttpResult(r => TypedResults.Ok(Outcomes(r)), time))
            .WithName("AddDelegates")
            .WithSummary("Agrega uno o varios delegados (hasta 30, por correo; cuentas activas con licencia). Devuelve el resultado de cada correo")
            .Produces<IReadOnlyList<DelegateOutcomeResponse>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        g.MapDelete("", async (Guid id, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "email")] string[]? email, CurrentUser user, DelegateCommands c,
                TimeProvider time, CancellationToken ct) =>
                (await c.RemoveAsync(id, email ?? [], user.Actor, user.Scope, ct)).ToHttpResult(r => TypedResults.Ok(Outcomes(r)), time))
            .WithName("RemoveDelegates")
            .WithSummary("Quita uno o varios delegados (?email=a@x&email=b@x). Devuelve el resultado de cada correo")
            .Produces<IReadOnlyList<DelegateOutcomeResponse>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static List<DelegateOutcomeResponse> Outcomes(IReadOnlyList<DelegateOutcome> r) =>
        r.Select(o => new DelegateOutcomeResponse(o.Email, o.Done, o.Error?.Code, o.Error?.Message)).ToList();
}
