namespace Aulario.Core.Accounts;

/// <summary>
/// How many accounts of one portal have one status. Kept by database triggers on every insert, delete and status or portal
/// change of <see cref="Account"/> (both engines), so the list's per-status counts never count 100,000 rows. Never written by
/// the application.
/// </summary>
public sealed class AccountStatusCount
{
    /// <summary>Accounts without a portal are counted under <see cref="NoPortal"/>.</summary>
    public static readonly Guid NoPortal = Guid.Empty;

    public Guid PortalKey { get; set; }
    public AccountStatus Status { get; set; }
    public int Count { get; set; }
}
