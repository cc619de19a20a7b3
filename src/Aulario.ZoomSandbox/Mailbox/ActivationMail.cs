namespace Aulario.ZoomSandbox.Mailbox;

/// <summary>The e-mail Zoom sends for <c>action=create</c>: subject "Activá tu cuenta de Zoom" with the activation link.</summary>
internal static class ActivationMail
{
    public const string Subject = "Activá tu cuenta de Zoom";

    public static SandboxMail Send(SandboxState state, SandboxUser user, Uri baseUrl, DateTimeOffset now)
    {
        var url = new Uri(baseUrl, $"_sandbox/activate/{user.ActivationToken}").ToString();
        var mail = new SandboxMail(SandboxState.NewId(), user.Email, Subject, url, now,
            $"Hola {user.FirstName}: tu administrador te agregó a la cuenta de Zoom. Hacé clic en «Activar su cuenta de Zoom»: {url}");
        state.Mailbox.Enqueue(mail);
        return mail;
    }
}
