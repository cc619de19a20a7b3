using System.Net;
using System.Text;
using Aulario.ZoomSandbox.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Mailbox;

/// <summary>
/// The sandbox's mailbox (where Zoom's activation emails land) and the activation page a person reaches from the email
/// (seed steps 5–8: open the email, "Activar su cuenta de Zoom", sign in with a password, enter names and password).
/// </summary>
internal static class MailboxEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/_sandbox/api/mailbox", (SandboxState state, string? to) =>
            Results.Json(state.Mailbox.Where(m => to is null || string.Equals(m.To, to, StringComparison.OrdinalIgnoreCase))
                .Select(m => new { id = m.Id, to = m.To, subject = m.Subject, activationUrl = m.ActivationUrl, sentAt = m.SentAt, body = m.Body })));

        app.MapGet("/_sandbox/mailbox", (SandboxState state) =>
        {
            var rows = new StringBuilder();
            foreach (var m in state.Mailbox.Reverse())
            {
                rows.Append("<tr><td>").Append(E(m.SentAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))).Append(" UTC</td><td>")
                    .Append(E(m.To)).Append("</td><td>").Append(E(m.Subject)).Append("</td><td>")
                    .Append(m.ActivationUrl is null ? "" : $"<a href=\"{E(m.ActivationUrl)}\">Activar su cuenta de Zoom</a>").Append("</td></tr>");
            }
            return Html("Buzón del sandbox de Zoom",
                "<p>Correos que la cuenta Zoom de demostración envió (activaciones de cuentas creadas con <code>create</code>).</p>" +
                (rows.Length == 0 ? "<p>No hay correos.</p>" :
                    "<table><caption>Correos recibidos</caption><thead><tr><th scope=\"col\">Enviado</th><th scope=\"col\">Para</th><th scope=\"col\">Asunto</th><th scope=\"col\">Acción</th></tr></thead><tbody>" +
                    rows + "</tbody></table>"));
        });

        app.MapGet("/_sandbox/activate/{token}", (string token, SandboxState state, TimeProvider time) =>
        {
            var user = Pending(state, token, time);
            return user is null
                ? Html("Enlace no válido", "<p>El enlace de activación no es válido o ya se usó.</p>", 404)
                : Html("Activá tu cuenta de Zoom", Form(user, token, null));
        });

        app.MapPost("/_sandbox/activate/{token}", async (string token, HttpRequest request, SandboxState state, TimeProvider time, WebhookSender webhooks) =>
        {
            var user = Pending(state, token, time);
            if (user is null) return Html("Enlace no válido", "<p>El enlace de activación no es válido o ya se usó.</p>", 404);
            var form = await request.ReadFormAsync();
            var first = form["first_name"].ToString().Trim();
            var last = form["last_name"].ToString().Trim();
            var password = form["password"].ToString();
            string? problem = null;
            if (first.Length is 0 or > 64 || last.Length is 0 or > 64) problem = "Ingresá nombre y apellido (hasta 64 caracteres).";
            else if (password != form["confirm_password"].ToString()) problem = "Las contraseñas no coinciden.";
            else if (PasswordRules.Check(password) is { } bad) problem = $"Zoom rechazó la contraseña (código {bad.Code}): {bad.Message}";
            if (problem is not null) return Html("Activá tu cuenta de Zoom", Form(user, token, problem), 400);
            Activation.Complete(state, webhooks, user, time.GetUtcNow(), first, last, password);
            return Html("Cuenta activada", $"<p role=\"status\">La cuenta <strong>{E(user.Email)}</strong> está activa.</p><p><a href=\"/_sandbox/mailbox\">Volver al buzón</a></p>");
        }).DisableAntiforgery();
    }

    private static SandboxUser? Pending(SandboxState state, string token, TimeProvider time) =>
        state.Users.FirstOrDefault(u => u.Status == "pending" && u.ActivationToken == token && u.InvitationExpiresAt > time.GetUtcNow());

    private static string Form(SandboxUser user, string token, string? problem) =>
        (problem is null ? "" : $"<p role=\"alert\" class=\"error\">{E(problem)}</p>") +
        $"<p>Cuenta: <strong>{E(user.Email)}</strong>. Elegí «Iniciar sesión con una contraseña» y completá tus datos.</p>" +
        $"<form method=\"post\" action=\"/_sandbox/activate/{E(token)}\">" +
        $"<p><label for=\"first_name\">Nombre</label><br><input id=\"first_name\" name=\"first_name\" required maxlength=\"64\" value=\"{E(user.FirstName)}\"></p>" +
        $"<p><label for=\"last_name\">Apellido</label><br><input id=\"last_name\" name=\"last_name\" required maxlength=\"64\" value=\"{E(user.LastName)}\"></p>" +
        "<p><label for=\"password\">Contraseña</label><br><input id=\"password\" name=\"password\" type=\"password\" required autocomplete=\"new-password\"></p>" +
        "<p><label for=\"confirm_password\">Repetir contraseña</label><br><input id=\"confirm_password\" name=\"confirm_password\" type=\"password\" required autocomplete=\"new-password\"></p>" +
        "<p><button type=\"submit\">Continuar</button></p></form>";

    internal static IResult Html(string title, string body, int status = 200) => Results.Content(
        $"<!doctype html><html lang=\"es-AR\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{E(title)} · Zoom sandbox</title>" +
        "<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.4rem .6rem;text-align:left}" +
        "a{color:#0b57d0}.error{color:#a40000}button{padding:.4rem 1rem}</style></head>" +
        $"<body><header><p>Zoom sandbox (emulador para demostración y pruebas)</p></header><main><h1>{E(title)}</h1>{body}</main></body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
}
