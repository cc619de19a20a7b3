namespace Aulario.Core.Classrooms;

public enum ClassroomState
{
    /// <summary>Zoom, Aulario and SIU agree.</summary>
    Ready = 0,
    /// <summary>A job is working on it (new classroom, replace account, passcode rotation).</summary>
    InProgress = 1,
    /// <summary>The last job stopped on a problem; <see cref="Classroom.AttentionReason"/> says which, and it can be retried.</summary>
    NeedsAttention = 2,
}

/// <summary>
/// An "aula virtual": a licensed room account whose personal meeting room is a class's link, tied to one SIU space
/// (negocio.sga_espacios row) of one portal.
/// </summary>
public sealed class Classroom
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PortalId { get; set; }
    public Guid? AccountId { get; set; }
    /// <summary>The SIU space key (sga_espacios.espacio).</summary>
    public int SiuSpaceId { get; set; }
    /// <summary>What Aulario last wrote to SIU (or read when linking).</summary>
    public string? SiuName { get; set; }
    public string? SiuCode { get; set; }
    public string? SiuLink { get; set; }
    /// <summary>The student passcode (Zoom PMI passcode), encrypted with Data Protection.</summary>
    public string? PasscodeProtected { get; set; }
    public DateTimeOffset? PasscodeChangedAt { get; set; }
    public ClassroomState State { get; set; }
    public string? AttentionReason { get; set; }
    public Guid? LastJobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
