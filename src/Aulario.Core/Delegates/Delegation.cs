namespace Aulario.Core.Delegates;

/// <summary>
/// A host named a delegate (a Zoom assistant: the delegate can schedule and manage meetings for the host). Zoom is the truth
/// for the host side (GET /users/{id}/assistants); this row lets Aulario show the other direction ("who named me") without
/// asking Zoom about every host. Kept by <see cref="DelegateCommands"/> and refreshed from Zoom whenever the host's list is read.
/// </summary>
public sealed class Delegation
{
    public Guid HostAccountId { get; set; }
    public Guid DelegateAccountId { get; set; }
    public DateTimeOffset Since { get; set; }
}
