using System.Globalization;
using System.Net;

namespace Aulario.Core.Mail;

/// <summary>Mail texts in Spanish (es-AR, default) and English. Values are HTML-encoded in the HTML body.</summary>
public static class MailTemplates
{
    public static OutboxMail Invitation(string to, string? name, string link, DateTimeOffset expiresAt, string culture, DateTimeOffset now)
    {
        var en = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var ci = CultureInfo.GetCultureInfo(en ? "en" : "es-AR");
        var greeting = en ? $"Hello{(name is null ? "" : " " + name)}," : $"Hola{(name is null ? "" : " " + name)}:";
        var body = en
            ? $"You have been invited to create your Zoom account. Confirm your name and choose a password here (valid until {expiresAt.ToString("f", ci)} UTC):"
            : $"Te invitaron a crear tu cuenta de Zoom. Confirmá tu nombre y elegí una contraseña aquí (válido hasta el {expiresAt.ToString("f", ci)} UTC):";
        var subject = en ? "Your Zoom account invitation" : "Invitación para crear tu cuenta de Zoom";
        return Compose(to, subject, greeting, body, link, en ? "Create my account" : "Crear mi cuenta", now);
    }

    public static OutboxMail PasswordResetLink(string to, string? name, string link, DateTimeOffset expiresAt, string culture, DateTimeOffset now)
    {
        var en = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var ci = CultureInfo.GetCultureInfo(en ? "en" : "es-AR");
        var greeting = en ? $"Hello{(name is null ? "" : " " + name)}," : $"Hola{(name is null ? "" : " " + name)}:";
        var body = en
            ? $"An administrator asked for your Zoom account ({to}) to get a new password. Choose it here; the link works once, until {expiresAt.ToString("f", ci)} UTC. If you did not expect this, ignore this email: your password stays the same."
            : $"Quien administra Aulario pidió que elijas una contraseña nueva para tu cuenta de Zoom ({to}). Elegila aquí; el enlace sirve una sola vez, hasta el {expiresAt.ToString("f", ci)} UTC. Si no lo esperabas, ignorá este correo: tu contraseña no cambia.";
        var subject = en ? "Choose a new password for your Zoom account" : "Elegí una contraseña nueva para tu cuenta de Zoom";
        return Compose(to, subject, greeting, body, link, en ? "Choose my new password" : "Elegir mi contraseña nueva", now);
    }

    /// <summary>"Set your Aulario password": sent to a new administrator, or to an account's owner given self-service access.
    /// The link is single use and expires at <paramref name="expiresAt"/>.</summary>
    public static OutboxMail SetPassword(string to, string? name, string link, DateTimeOffset expiresAt, bool admin, string culture, DateTimeOffset now)
    {
        var en = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var ci = CultureInfo.GetCultureInfo(en ? "en" : "es-AR");
        var greeting = en ? $"Hello{(name is null ? "" : " " + name)}," : $"Hola{(name is null ? "" : " " + name)}:";
        var what = admin
            ? en ? "You have been made an administrator of Aulario." : "Te dieron acceso como administrador/a de Aulario."
            : en ? "You can now manage your Zoom account in Aulario (recordings, settings, assistants)." : "Ya podés administrar tu cuenta de Zoom en Aulario (grabaciones, configuración, asistentes).";
        var body = en
            ? $"{what} Choose your password here (single-use link, valid until {expiresAt.ToString("f", ci)} UTC):"
            : $"{what} Elegí tu contraseña aquí (enlace de un solo uso, válido hasta el {expiresAt.ToString("f", ci)} UTC):";
        var subject = en ? "Choose your Aulario password" : "Elegí tu contraseña de Aulario";
        return Compose(to, subject, greeting, body, link, en ? "Choose my password" : "Elegir mi contraseña", now);
    }

    private static OutboxMail Compose(string to, string subject, string greeting, string body, string link, string button, DateTimeOffset now)
    {
        static string e(string s) => WebUtility.HtmlEncode(s);
        var html = $"<!doctype html><html><body style=\"font-family:sans-serif\"><p>{e(greeting)}</p><p>{e(body)}</p>" +
                   $"<p><a href=\"{e(link)}\">{e(button)}</a></p><p style=\"color:#555\">Aulario</p></body></html>";
        var text = $"{greeting}\n\n{body}\n{link}\n\nAulario\n";
        return new OutboxMail { To = to, Subject = subject, HtmlBody = html, TextBody = text, CreatedAt = now, NextAttemptAt = now };
    }
}
