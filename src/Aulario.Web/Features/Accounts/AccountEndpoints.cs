using System.Globalization;
using System.Security.Claims;
using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Web.Infrastructure;

namespace Aulario.Web.Features.Accounts;

/// <summary>REST /api/v1/accounts: list, export, read, create, invite, paste, edit, reset password (generated or emailed link), finalize, reactivate, refresh, activation emails.</summary>
public static class AccountEndpoints
{
    public const int MaxActivationIds = AccountQueries.MaxPageSize;

    public static WebApplication MapAccountsApi(this WebApplication app)
    {
        var g = app.MapGroup("/api/v1/accounts").RequireAuthorization(AuthPolicies.Admin).WithTags("accounts");

        g.MapGet("", ListAsync).WithName("ListAccounts")
            .WithSummary("Cuentas filtradas (estado=activas|pendientes|finalizadas|todas), buscadas (q), ordenadas (orden, desc) y paginadas (pagina, tam; total: el total que dio la página anterior, opcional, solo acelera las páginas profundas de una búsqueda), con los totales por estado")
            .Produces<AccountListResponse>().ProducesValidationProblem();
        g.MapGet("/export.csv", Export).WithName("ExportAccounts")
            .WithSummary("CSV de las cuentas del filtro actual (UTF-8 con BOM, celdas de fórmula neutralizadas, transmitido fila por fila)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem();
        g.MapGet("/{id:guid}", GetAsync).WithName("GetAccount").WithSummary("Una cuenta")
            .Produces<AccountResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("", CreateAsync).WithName("CreateAccount")
            .WithSummary("Crea una cuenta: autoCreate con contraseña generada (se muestra una sola vez) en un dominio administrado; si no, create (pendiente)")
            .Produces<CreatedAccountResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        g.MapPost("/invitations", InviteAsync).WithName("InviteAccount")
            .WithSummary("Invita por correo: envía un enlace de registro de un solo uso, válido 7 días")
            .Produces<InvitationResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/batch", BatchAsync).WithName("CreateAccountsFromList")
            .WithSummary("Crea cuentas desde una lista pegada (una por línea: correo o correo;nombre;apellido). Si alguna línea es inválida no se crea ninguna")
            .Produces<BatchResponse>().ProducesValidationProblem();
        g.MapPatch("/{id:guid}", PatchAsync).WithName("EditAccount")
            .WithSummary("Edita nombre, apellido y opciones (licencia, zona horaria, departamento, aula virtual). El correo no cambia")
            .Produces<AccountResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id:guid}/reset-password", ResetPasswordAsync).WithName("ResetAccountPassword")
            .WithSummary("Genera una contraseña fuerte, la aplica en Zoom y la guarda cifrada; se devuelve una sola vez")
            .Produces<PasswordResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id:guid}/reset-link", SendResetLinkAsync).WithName("SendAccountPasswordResetLink")
            .WithSummary("Envía al correo de la cuenta activa un enlace de un solo uso, válido 24 horas, para que la persona elija su contraseña (reemplaza enlaces anteriores)")
            .Produces<PasswordResetLinkResponse>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id:guid}/finalize", (Guid id, ClaimsPrincipal user, AccountCommands c, TimeProvider time, CancellationToken ct) =>
                Run(c.FinalizeAsync(id, ActorOf(user), ScopeOf(user), ct), time))
            .WithName("FinalizeAccount").WithSummary("Finaliza: desactiva en Zoom, rota el código de la sala personal y marca la cuenta finalizada")
            .Produces<AccountResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id:guid}/reactivate", (Guid id, ClaimsPrincipal user, AccountCommands c, TimeProvider time, CancellationToken ct) =>
                Run(c.ReactivateAsync(id, ActorOf(user), ScopeOf(user), ct), time))
            .WithName("ReactivateAccount").WithSummary("Reactiva en Zoom y restaura el tipo de licencia")
            .Produces<AccountResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id:guid}/refresh", (Guid id, ClaimsPrincipal user, AccountCommands c, TimeProvider time, CancellationToken ct) =>
                Run(c.RefreshAsync(id, ActorOf(user), ScopeOf(user), ct), time))
            .WithName("RefreshAccount").WithSummary("Actualiza la cuenta con lo que sabe Zoom (estado, nombres, licencia, sala personal, último ingreso)")
            .Produces<AccountResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/activation-emails", ActivationEmailsAsync).WithName("SendActivationEmails")
            .WithSummary("Envía (o reenvía) el correo de activación de Zoom a las cuentas pendientes indicadas")
            .Produces<IReadOnlyList<ActivationEmailResult>>().ProducesValidationProblem();
        return app;
    }

    internal static Actor ActorOf(ClaimsPrincipal user) => CurrentUser.Of(user).Actor;
    internal static AdminScope ScopeOf(ClaimsPrincipal user) => CurrentUser.Of(user).Scope;

    /// <summary>The public sign-up link for an invitation token, on the address the admin is using.</summary>
    internal static Func<string, string> SignUpUrl(HttpRequest request) =>
        token => $"{request.Scheme}://{request.Host}{request.PathBase}/registro/{Uri.EscapeDataString(token)}";

    /// <summary>The public password-reset link for a token, on the address the admin is using.</summary>
    internal static Func<string, string> ResetPasswordUrl(HttpRequest request) =>
        token => $"{request.Scheme}://{request.Host}{request.PathBase}/restablecer/{Uri.EscapeDataString(token)}";

    internal static string CsvFileName(TimeProvider time) =>
        $"cuentas-{time.GetUtcNow().ToOffset(TimeSpan.FromHours(-3)).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv";

    private static async Task<IResult> Run(Task<Result<Account>> work, TimeProvider time) =>
        (await work).ToHttpResult(a => TypedResults.Ok(AccountResponse.From(a)), time);

    private static async Task<IResult> ListAsync(HttpRequest request, AccountQueries queries, TimeProvider time, CancellationToken ct)
    {
        var input = AccountListInput.FromQuery(request.Query, out var errors);
        if (errors.Count > 0) return ErrorMapping.ToHttpResult(errors, time);
        var result = await queries.ListAsync(input.ToQuery(), CurrentUser.Of(request.HttpContext.User).Scope, ct);
        var c = result.Counts;
        return TypedResults.Ok(new AccountListResponse(result.Page.Items.Select(AccountResponse.From).ToList(), result.Page.PageNumber,
            result.Page.PageSize, result.Page.TotalCount, result.Page.PageCount, new AccountCountsResponse(c.Active, c.Pending, c.Finalized, c.All)));
    }

    private static IResult Export(HttpRequest request, AccountExport export, TimeProvider time)
    {
        var input = AccountListInput.FromQuery(request.Query, out var errors);
        if (errors.Count > 0) return ErrorMapping.ToHttpResult(errors, time);
        var culture = CultureInfo.CurrentUICulture.Name;
        var ct = request.HttpContext.RequestAborted;
        var scope = CurrentUser.Of(request.HttpContext.User).Scope;
        return Results.Stream(body => export.WriteAsync(body, input.ToQuery(), scope, culture, ct),
            "text/csv; charset=utf-8", CsvFileName(time));
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, AccountQueries queries, TimeProvider time, CancellationToken ct) =>
        (await queries.GetAsync(id, ScopeOf(user), ct)).ToHttpResult(a => TypedResults.Ok(AccountResponse.From(a)), time);

    private static async Task<IResult> CreateAsync(CreateAccountBody? body, ClaimsPrincipal user, CreateAccount create, TimeProvider time, CancellationToken ct)
    {
        if (body is null) return MissingBody(time);
        var license = LicenseInput.Parse(body.LicenseType);
        if (!license.IsSuccess) return ErrorMapping.ToHttpResult(license.Errors, time);
        var result = await create.HandleAsync(new CreateAccountRequest(body.Email ?? "", body.FirstName ?? "", body.LastName ?? "", license.Value,
            body.IsClassroom, body.PortalId), ActorOf(user), ScopeOf(user), ct);
        return result.ToHttpResult(c => TypedResults.Created($"/api/v1/accounts/{c.Account.Id}",
            new CreatedAccountResponse(AccountResponse.From(c.Account), c.GeneratedPassword, c.AdoptedExisting)), time);
    }

    private static async Task<IResult> InviteAsync(InviteBody? body, HttpRequest request, ClaimsPrincipal user, Invitations invitations, TimeProvider time, CancellationToken ct)
    {
        if (body is null) return MissingBody(time);
        var license = LicenseInput.Parse(body.LicenseType);
        if (!license.IsSuccess) return ErrorMapping.ToHttpResult(license.Errors, time);
        var result = await invitations.InviteAsync(new InviteRequest(body.Email ?? "", body.FirstName, body.LastName, license.Value, body.PortalId),
            ActorOf(user), ScopeOf(user), SignUpUrl(request), CultureInfo.CurrentUICulture.Name, ct);
        return result.ToHttpResult(i => TypedResults.Accepted((string?)null, new InvitationResponse(i.Id, i.Email, i.ExpiresAt)), time);
    }

    private static async Task<IResult> BatchAsync(BatchBody? body, ClaimsPrincipal user, CreateMany createMany, TimeProvider time, CancellationToken ct)
    {
        if (body is null) return MissingBody(time);
        var license = LicenseInput.Parse(body.LicenseType);
        if (!license.IsSuccess) return ErrorMapping.ToHttpResult(license.Errors, time);
        var result = await createMany.HandleAsync(body.Text ?? "", license.Value, body.IsClassroom, body.PortalId, ActorOf(user), ScopeOf(user), ct);
        if (!result.IsSuccess) return ErrorMapping.ToHttpResult(result.Errors, time);
        var invalid = result.Value.Where(r => r.Outcome == RowOutcome.Invalid).ToList();
        if (invalid.Count > 0)
        {
            // Nothing was created: every problem is reported by line.
            var errors = invalid.Select(r => Error.Validation("paste.row-invalid",
                string.Create(CultureInfo.InvariantCulture, $"Línea {r.Line} ({r.Email}): {r.Message}"), "text")).ToList();
            errors.Insert(0, Error.Validation("paste.invalid", "La lista tiene líneas con problemas; no se creó ninguna cuenta. Corregilas y volvé a enviarla.", "text"));
            return ErrorMapping.ToHttpResult(errors, time);
        }
        var rows = result.Value.Select(r => new BatchRowResponse(r.Line, r.Email, r.Outcome.ToString().ToLowerInvariant(), r.Message, r.GeneratedPassword)).ToList();
        return TypedResults.Ok(new BatchResponse(rows, rows.Count(r => r.Outcome is "created" or "adopted"), rows.Count(r => r.Outcome == "failed")));
    }

    private static async Task<IResult> PatchAsync(Guid id, PatchAccountBody? body, ClaimsPrincipal user, AccountQueries queries, AccountCommands commands,
        TimeProvider time, CancellationToken ct)
    {
        if (body is null) return MissingBody(time);
        var found = await queries.GetAsync(id, ScopeOf(user), ct);
        if (!found.IsSuccess) return ErrorMapping.ToHttpResult(found.Errors, time);
        var current = found.Value;
        if (body.Email is not null && !string.Equals(AccountRules.NormalizeEmail(body.Email), current.Email, StringComparison.Ordinal))
            return ErrorMapping.ToHttpResult([Error.Validation("account.email-immutable",
                "El correo no se puede cambiar: es la identidad de la cuenta en Zoom y en Aulario. Creá una cuenta nueva y finalizá esta.", "email")], time);
        var license = body.LicenseType is null ? current.LicenseType : LicenseInput.Parse(body.LicenseType) is { IsSuccess: true } l ? l.Value : (LicenseType?)null;
        if (license is null) return ErrorMapping.ToHttpResult(LicenseInput.Parse(body.LicenseType).Errors, time);
        var request = new EditAccountRequest(body.FirstName ?? current.FirstName, body.LastName ?? current.LastName, license.Value,
            body.Timezone ?? current.Timezone, body.Department ?? current.Department, body.IsClassroom ?? current.IsClassroom);
        return await Run(commands.EditAsync(id, request, ActorOf(user), ScopeOf(user), ct), time);
    }

    private static async Task<IResult> ResetPasswordAsync(Guid id, ClaimsPrincipal user, AccountCommands commands, TimeProvider time, CancellationToken ct) =>
        (await commands.ResetPasswordAsync(id, ActorOf(user), ScopeOf(user), ct)).ToHttpResult(p => TypedResults.Ok(new PasswordResponse(p)), time);

    private static async Task<IResult> SendResetLinkAsync(Guid id, HttpRequest request, ClaimsPrincipal user, PasswordResetLinks links, TimeProvider time, CancellationToken ct) =>
        (await links.SendAsync(id, ActorOf(user), ScopeOf(user), ResetPasswordUrl(request), CultureInfo.CurrentUICulture.Name, ct))
            .ToHttpResult(l => TypedResults.Accepted((string?)null, new PasswordResetLinkResponse(l.AccountId, l.Email, l.ExpiresAt)), time);

    private static async Task<IResult> ActivationEmailsAsync(ActivationEmailsBody? body, ClaimsPrincipal user, AccountCommands commands, TimeProvider time, CancellationToken ct)
    {
        var ids = body?.Ids?.Distinct().ToList() ?? [];
        if (ids.Count == 0)
            return ErrorMapping.ToHttpResult([Error.Validation("activation.none", "Elegí al menos una cuenta pendiente.", "ids")], time);
        if (ids.Count > MaxActivationIds)
            return ErrorMapping.ToHttpResult([Error.Validation("activation.too-many", $"Se pueden enviar hasta {MaxActivationIds} correos por vez.", "ids")], time);
        var results = await SendActivationAsync(ids, ActorOf(user), ScopeOf(user), commands, ct);
        return TypedResults.Ok(results);
    }

    internal static async Task<List<ActivationEmailResult>> SendActivationAsync(IEnumerable<Guid> ids, Actor actor, AdminScope scope, AccountCommands commands, CancellationToken ct)
    {
        var results = new List<ActivationEmailResult>();
        foreach (var id in ids)
        {
            var sent = await commands.ResendActivationAsync(id, actor, scope, ct);
            results.Add(new ActivationEmailResult(id, sent.IsSuccess, sent.IsSuccess ? null : sent.Errors[0].Message));
        }
        return results;
    }

    private static IResult MissingBody(TimeProvider time) =>
        ErrorMapping.ToHttpResult([Error.Validation("request.body-required", "Falta el cuerpo JSON de la solicitud.", "")], time);
}
