using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Settings;

/// <summary>
/// The personal meeting room link <c>{BaseUrl}j/{pmi}[?pwd=…]</c>: it answers 200 while the user is active and the embedded
/// passcode is current, 404 when the user is not active (a finalized account's link stops working), 403 for a stale pwd.
/// </summary>
internal static class JoinLinks
{
    public static string For(SandboxUser u, Uri baseUrl)
    {
        var url = new Uri(baseUrl, $"j/{u.Pmi.ToString(CultureInfo.InvariantCulture)}").ToString();
        return u.EmbedPasswordInJoinLink && !string.IsNullOrEmpty(u.PmiPassword) ? url + "?pwd=" + Passcodes.Encode(u.PmiPassword) : url;
    }

    public static void Map(WebApplication app) => app.MapGet("/j/{pmi:long}", (long pmi, string? pwd, SandboxState state) =>
    {
        var user = state.FindByPmi(pmi);
        if (user is null || user.Status != "active")
            return Page("Esta reunión no existe o ya no está disponible.", 404);
        if (pwd is not null && (user.PmiPassword is null || pwd != Passcodes.Encode(user.PmiPassword)))
            return Page("El código de acceso de la reunión no es válido.", 403);
        return Page($"Unirse a la reunión de {user.DisplayName}", 200);
    });

    private static IResult Page(string message, int status) => Results.Content(
        $"<!doctype html><html lang=\"es-AR\"><head><meta charset=\"utf-8\"><title>Zoom (sandbox)</title></head><body><main><h1>{WebUtility.HtmlEncode(message)}</h1>" +
        (status == 200 ? "<p>Unirse a la reunión</p>" : "") + "</main></body></html>",
        "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
