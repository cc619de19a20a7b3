namespace Aulario.Core.Reconcile;

public enum DriftKind
{
    /// <summary>Aulario has the account but Zoom does not.</summary>
    MissingInZoom,
    /// <summary>Zoom has a user Aulario does not know.</summary>
    UnknownInAulario,
    /// <summary>Aulario's status differs from Zoom's.</summary>
    StatusDiffers,
    /// <summary>A classroom's SIU space still points at a finalized or pending account.</summary>
    InactiveAccountLinked,
    /// <summary>The SIU link differs from the account's personal meeting link.</summary>
    LinkDiffers,
    /// <summary>The student passcode Aulario holds differs from Zoom's.</summary>
    PasscodeDiffers,
    /// <summary>A pending activation older than the configured days.</summary>
    StalePending,
    /// <summary>The SIU database could not be read.</summary>
    SiuUnreachable,
}

/// <summary>One difference found, with what a safe fix would do (null when a person must decide).</summary>
public sealed record DriftItem(DriftKind Kind, string Target, string Detail, string? Fix, Guid? AccountId = null, Guid? ClassroomId = null, string? ZoomUserId = null);

public sealed record ReconcileSummary(int ZoomUsers, int AulariosAccounts, int LicensedInUse, int? LicensePool, int Classrooms, IReadOnlyDictionary<DriftKind, int> Counts);

/// <summary>A stored run (for the health dashboard and its license chart).</summary>
public sealed class ReconcileRun
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public int ZoomUsers { get; set; }
    public int LicensedInUse { get; set; }
    public int? LicensePool { get; set; }
    public int DriftCount { get; set; }
    public required string ReportJson { get; set; }
}
