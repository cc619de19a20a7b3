namespace Aulario.Core.Accounts;

/// <summary>Aulario's view of the account's state. Zoom's own status is kept beside it.</summary>
public enum AccountStatus
{
    Pending = 0,
    Active = 1,
    Finalized = 2,
}

public enum LicenseType
{
    Basic = 1,
    Licensed = 2,
}

/// <summary>One conferencing user (a Zoom user): a person or a classroom (room) account.</summary>
public sealed class Account
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The identity. Stored lower-case; never changes after creation.</summary>
    public required string Email { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? ZoomUserId { get; set; }
    public AccountStatus Status { get; set; }
    public LicenseType LicenseType { get; set; } = LicenseType.Licensed;
    /// <summary>License type before finalizing, restored by reactivation.</summary>
    public LicenseType? LicenseTypeBeforeFinalize { get; set; }
    public bool IsClassroom { get; set; }
    public string? Timezone { get; set; }
    public string? Department { get; set; }
    public Guid? PortalId { get; set; }
    public long? Pmi { get; set; }
    public string? PersonalMeetingUrl { get; set; }
    /// <summary>Account sign-in password, encrypted with Data Protection. Null when Zoom holds it alone.</summary>
    public string? PasswordProtected { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
    public DateTimeOffset? ActivationSentAt { get; set; }
    public DateTimeOffset? FinalizedAt { get; set; }
    public DateTimeOffset? SyncedAt { get; set; }
    /// <summary>The identity provider's id for the person (SCIM externalId), stored exactly as sent.</summary>
    public string? ExternalId { get; set; }
    /// <summary>When the identity provider deleted the SCIM resource (DELETE /scim/v2/Users/{id}): the account is finalized
    /// and kept for the audit, but SCIM no longer shows it.</summary>
    public DateTimeOffset? ScimRemovedAt { get; set; }

    /// <summary>
    /// "email first last", lower case and without accents (<see cref="AccountSearchTerm.Fold"/>), kept by
    /// <see cref="RefreshSearchKey"/>, so search ignores case and accents on every engine.
    /// </summary>
    public string SearchKey { get; set; } = "";

    public string DisplayName => $"{FirstName} {LastName}".Trim();

    public void RefreshSearchKey() =>
        SearchKey = AccountSearchTerm.Fold($"{Email} {FirstName} {LastName}");
}
