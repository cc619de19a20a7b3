using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Aulario.Web.Infrastructure;

public static class LocalizationExtensions
{
    public const string DefaultCulture = "es-AR";
    public static readonly string[] SupportedCultures = [DefaultCulture, "en"];

    public static WebApplicationBuilder AddAularioLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = SupportedCultures.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // Spanish unless the person chose otherwise: only the cookie decides (not the browser's Accept-Language).
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = CookieRequestCultureProvider.DefaultCookieName }];
        });
        return builder;
    }

    public static WebApplication UseAularioLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>Returns the supported culture name for <paramref name="culture"/>, or null when it is not supported.</summary>
    public static string? Normalize(string? culture) =>
        SupportedCultures.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));

    public static void WriteCultureCookie(HttpResponse response, string culture, DateTimeOffset now) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = now.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = response.HttpContext.Request.IsHttps,
                Path = "/",
            });
}
