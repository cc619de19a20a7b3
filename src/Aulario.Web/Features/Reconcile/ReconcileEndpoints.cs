using Aulario.Core.Audit;
using Aulario.Core.Reconcile;
using Aulario.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aulario.Web.Features.Reconcile;

/// <param name="Kind">A <see cref="DriftKind"/> name, e.g. "StatusDiffers".</param>
public sealed record FixRequest(string? Kind, Guid? AccountId, string? ZoomUserId);

/// <summary>REST: POST /api/v1/reconcile (run now), GET /api/v1/reconcile/runs, POST /api/v1/reconcile/fix. Plus the scheduled run.</summary>
public static class ReconcileEndpoints
{
    public static WebApplicationBuilder AddAularioReconcile(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReconcileOptions>().BindConfiguration("Reconcile")
            .Validate(o => o.StalePendingDays > 0 && o.Every >= TimeSpan.Zero && o.LicensePool is null or >= 0,
                "Reconcile:StalePendingDays debe ser positivo, Reconcile:Every no negativo y Reconcile:LicensePool no negativo.")
            .ValidateOnStart();
        builder.Services.AddHostedService<ScheduledReconcile>();
        return builder;
    }

    public static WebApplication MapReconcile(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/reconcile").RequireAuthorization(AuthPolicies.InstitutionAdmin).WithTags("v1");
        group.MapPost("", async (HttpContext ctx, Reconciler reconciler, TimeProvider time, CancellationToken ct) =>
            (await reconciler.RunAsync(CurrentUser.Of(ctx.User).Actor, ct)).ToHttpResult(r => Results.Json(r, Reconciler.Json), time))
            .WithName("Reconcile").WithSummary("Compara Zoom, Aulario y SIU y devuelve las diferencias.");
        group.MapGet("/runs", async (Reconciler reconciler, CancellationToken ct) =>
            Results.Ok((await reconciler.HistoryAsync(100, ct)).Select(r => new { r.Id, r.At, r.Actor, r.ZoomUsers, r.LicensedInUse, r.LicensePool, r.DriftCount })))
            .WithName("ReconcileRuns");
        group.MapPost("/fix", async (FixRequest fix, HttpContext ctx, Reconciler reconciler, TimeProvider time, CancellationToken ct) =>
            !Enum.TryParse<DriftKind>(fix.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind)
                ? ErrorMapping.ToHttpResult([Aulario.Core.Common.Error.Validation("reconcile.kind-invalid",
                    $"«{fix.Kind}» no es un tipo de diferencia ({string.Join(", ", Enum.GetNames<DriftKind>())}).", "kind")], time)
                : (await reconciler.FixAsync(kind, fix.AccountId, fix.ZoomUserId, CurrentUser.Of(ctx.User).Actor, ct))
                    .ToHttpResult(message => Results.Ok(new { message }), time))
            .WithName("ReconcileFix").WithSummary("Aplica un arreglo seguro a una diferencia.");
        return app;
    }
}

/// <summary>Runs the reconciliation every Reconcile:Every (off when zero).</summary>
public sealed class ScheduledReconcile(IServiceScopeFactory scopes, IOptions<ReconcileOptions> options, TimeProvider time, ILogger<ScheduledReconcile> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.Every;
        if (every <= TimeSpan.Zero) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(every, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<Reconciler>().RunAsync(new Actor("reconciliación programada"), stoppingToken);
                if (!result.IsSuccess) log.LogWarning("Scheduled reconciliation failed: {Message}", result.Errors[0].Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Scheduled reconciliation failed");
            }
        }
    }
}
