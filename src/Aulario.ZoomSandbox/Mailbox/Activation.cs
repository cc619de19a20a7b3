using Aulario.ZoomSandbox.Users;

namespace Aulario.ZoomSandbox.Mailbox;

/// <summary>A pending user accepts the invitation: status becomes active and user.invitation_accepted is sent.</summary>
internal static class Activation
{
    public static void Complete(SandboxState state, WebhookSender webhooks, SandboxUser user, DateTimeOffset now, string? first = null, string? last = null, string? password = null)
    {
        lock (state.Gate)
        {
            if (first is not null) user.FirstName = first;
            if (last is not null) user.LastName = last;
            if (password is not null) user.PasswordHash = SandboxState.HashPassword(password);
            user.Status = "active";
            user.ActivationToken = null;
            user.InvitationExpiresAt = null;
            user.LastLoginTime = now;
        }
        state.CountWrite(user.Id);
        webhooks.Send("user.invitation_accepted", UserJson.Event(user));
    }
}
