using Aulario.Core.Security;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Security;

/// <summary>
/// When /ajustes requires two-step verification for administrators, an administrator (institution or portal admin) signed in
/// with the browser cookie who has not enrolled yet reaches only the enrolment pages: other pages redirect to
/// /seguridad/activar and /api/v1 answers 403 ProblemDetails. Requests with an API token (Bearer) are not affected, nor are
/// users without an admin role. Runs after authentication, before authorization.
/// </summary>
public sealed class TwoFactorEnrolmentMiddleware(RequestDelegate next)
{
    public const string EnrolPath = "/seguridad/activar";

    /// <summary>Where a not-yet-enrolled admin may still go: enrolment and the own-account page, signing in and out, language,
    /// errors, and anonymous technical endpoints.</summary>
    private static readonly string[] AllowedPrefixes =
        ["/seguridad", "/ingresar", "/salir", "/cultura", "/error", "/health", "/metrics", "/openapi", "/api/docs"];

    public async Task InvokeAsync(HttpContext context, SecuritySettingsCommands settings, UserManager<AppUser> users)
    {
        if (MustEnrolFirst(context) && await settings.RequireTwoFactorForAdminsAsync(context.RequestAborted)
            && await users.GetUserAsync(context.User) is { TwoFactorEnabled: false })
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                var t = context.RequestServices.GetRequiredService<IStringLocalizer<SecurityResource>>();
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = t["Enrol.ApiTitle"],
                        Detail = t["Enrol.ApiDetail"],
                        Extensions = { ["code"] = "two-factor.enrolment-required" },
                    },
                });
                return;
            }
            var back = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect(EnrolPath + "?returnUrl=" + Uri.EscapeDataString(back));
            return;
        }
        await next(context);
    }

    private static bool MustEnrolFirst(HttpContext context)
    {
        var user = context.User;
        if (user.Identity is not { IsAuthenticated: true } identity) return false;
        if (identity.AuthenticationType != IdentityConstants.ApplicationScheme) return false; // API tokens are not affected
        if (!user.IsInRole(AularioRoles.InstitutionAdmin) && !user.IsInRole(AularioRoles.PortalAdmin)) return false;
        var path = context.Request.Path;
        return !AllowedPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
    }
}
