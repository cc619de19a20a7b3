namespace Aulario.Core.Classrooms;

/// <summary>State of one classroom item as it moves through its steps (stored as JSON on the job item).</summary>
public sealed class ClassroomWork
{
    public Guid PortalId { get; set; }
    public Guid ClassroomId { get; set; }
    public int SpaceId { get; set; }
    public string? AccountEmail { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    /// <summary>New SIU nombre / codigo; null keeps what SIU has.</summary>
    public string? NewName { get; set; }
    public string? NewCode { get; set; }
    /// <summary>The passcode to set, encrypted; generated (and stored) before it is pushed so a retry pushes the same one.</summary>
    public string? PasscodeProtected { get; set; }
    public bool GeneratePasscode { get; set; }
    public bool FinalizeOldAccount { get; set; }
    public Guid? AccountId { get; set; }
    public Guid? OldAccountId { get; set; }
    public string? Link { get; set; }
    public string? OldLink { get; set; }
    public string? OldName { get; set; }
    public string? OldCode { get; set; }
    /// <summary>Only the passcode changes (rotation): no account step, SIU only when the link embeds the passcode.</summary>
    public bool PasscodeOnly { get; set; }
}

public static class ClassroomSteps
{
    public const string Account = "account";
    public const string Activation = "activation";
    public const string Passcode = "passcode";
    public const string PushPasscode = "passcode-push";
    public const string Link = "link";
    public const string Siu = "siu";
    public const string FinalizeOld = "finalize-old";

    /// <summary>Steps in order, for progress display.</summary>
    public static readonly string[] All = [Account, Activation, Passcode, PushPasscode, Link, Siu, FinalizeOld];
}
