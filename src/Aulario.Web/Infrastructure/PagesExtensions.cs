using Aulario.Web.Features.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Infrastructure;

public static class PagesExtensions
{
    /// <summary>Razor Pages rooted at Features/ (one folder per feature), localized views and validation messages,
    /// antiforgery on every form (Razor Pages validate it on every POST).</summary>
    public static WebApplicationBuilder AddAularioPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                // Every page is for admins, except self-service (/mi-cuenta: hosts, and admins acting as a host), which
                // must not also require the Admin policy (it refuses impersonating principals).
                o.Conventions.AddFolderApplicationModelConvention("/", model =>
                {
                    var policy = model.ViewEnginePath.StartsWith("/SelfService/", StringComparison.Ordinal) ? AuthPolicies.SelfService : AuthPolicies.Admin;
                    model.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(policy));
                });
                // Institution-wide pages: creating portals, managing admins, the demo mailbox (everyone's links), reconciliation.
                o.Conventions.AuthorizePage("/Portals/New", AuthPolicies.InstitutionAdmin);
                o.Conventions.AuthorizeFolder("/Admins", AuthPolicies.InstitutionAdmin);
                o.Conventions.AuthorizePage("/Mail/Mailbox", AuthPolicies.InstitutionAdmin);
                o.Conventions.AuthorizePage("/Reconcile/Index", AuthPolicies.InstitutionAdmin);
                o.Conventions.AuthorizePage("/Security/Settings", AuthPolicies.InstitutionAdmin); // /ajustes
                o.Conventions.AllowAnonymousToPage("/SignIn/SignIn");
                o.Conventions.AllowAnonymousToPage("/Setup/Setup");
                o.Conventions.AllowAnonymousToPage("/Culture/Culture");
                o.Conventions.AllowAnonymousToPage("/Errors/Error");
                o.Conventions.AllowAnonymousToPage("/SignIn/SignOut");
                o.Conventions.AddAccountSecurityConventions(); // /seguridad for any signed-in user; the sign-in code steps
                o.Conventions.AllowAnonymousToPage("/Sso/Start");
                o.Conventions.AllowAnonymousToPage("/Sso/Complete");
                o.Conventions.AllowAnonymousToPage("/Admins/SetPassword"); // guarded by the single-use token
                o.Conventions.ConfigureFilter(new UnknownHandlerFilter());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        // Spanish text stays readable in the HTML (á, ñ, ¿) instead of numeric entities; encoding still escapes markup.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
        {
            var t = factory.Create(typeof(SharedResource));
            var messages = o.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => t["Validation.InvalidValue", value, field]);
            messages.SetValueIsInvalidAccessor(value => t["Validation.InvalidValue", value, ""]);
            messages.SetValueMustBeANumberAccessor(field => t["Validation.Number", field]);
            messages.SetMissingBindRequiredValueAccessor(field => t["Validation.Required", field]);
            messages.SetValueMustNotBeNullAccessor(field => t["Validation.Required", field]);
            messages.SetUnknownValueIsInvalidAccessor(field => t["Validation.InvalidValue", "", field]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => t["Validation.InvalidValue", value, ""]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["Validation.InvalidValue", "", ""]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => t["Validation.Number", ""]);
            messages.SetMissingKeyOrValueAccessor(() => t["Validation.Required", ""]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => t["Validation.Required", ""]);
        });
        return builder;
    }
}
