using Aulario.Core.Accounts;
using Aulario.Core.Classrooms;
using Aulario.Web.Features.Portals;

namespace Aulario.Web.Features.Classrooms;

/// <summary>A classroom as the API shows it (the passcode itself only through the audited reveal).</summary>
public sealed record ClassroomResponse(
    Guid Id, Guid PortalId, int SpaceId, string? Name, string? Code, string? Link, Guid? AccountId, string? AccountEmail, string? AccountStatus,
    bool HasPasscode, DateTimeOffset? PasscodeChangedAt, string State, string? AttentionReason, Guid? LastJobId)
{
    public static ClassroomResponse From(ClassroomRow r) => new(r.Id, r.PortalId, r.SiuSpaceId, r.SiuName, r.SiuCode, r.SiuLink, r.AccountId, r.AccountEmail,
        r.AccountStatus is { } s ? StatusName(s) : null, r.HasPasscode, r.PasscodeChangedAt, StateName(r.State), r.AttentionReason, r.LastJobId);

    public static string StateName(ClassroomState s) => s switch
    {
        ClassroomState.Ready => "ready",
        ClassroomState.InProgress => "in-progress",
        ClassroomState.NeedsAttention => "needs-attention",
    };

    public static string StatusName(Aulario.Core.Accounts.AccountStatus s) => s switch
    {
        Aulario.Core.Accounts.AccountStatus.Active => "active",
        Aulario.Core.Accounts.AccountStatus.Pending => "pending",
        Aulario.Core.Accounts.AccountStatus.Finalized => "finalized",
    };
}

/// <summary>"Nueva aula" / "Reemplazar cuenta": put this account on this SIU space. No passcode generates one.</summary>
public sealed record AssignBody(
    Guid PortalId, int SpaceId, string? AccountEmail, string? FirstName, string? LastName, string? NewName, string? NewCode, string? Passcode,
    bool FinalizeOldAccount)
{
    public AssignClassroomRequest ToRequest() => new(PortalId, SpaceId, AccountEmail ?? "", Blank(FirstName), Blank(LastName), Blank(NewName), Blank(NewCode),
        Blank(Passcode), FinalizeOldAccount);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

public sealed record FieldChange(string? Old, string? New);

/// <summary>What will change in SIU (old → new) before anything is touched. A new account's link is known once Zoom creates it.</summary>
public sealed record PreviewResponse(
    SpaceResponse Space, string? OldAccountEmail, string AccountEmail, bool AccountExists, string? AccountStatus,
    FieldChange Link, FieldChange Name, FieldChange Code)
{
    public static PreviewResponse From(ClassroomPreview p) => new(SpaceResponse.From(p.Space), p.OldAccountEmail, p.AccountEmail, p.AccountExists,
        p.AccountStatus is { } s ? ClassroomResponse.StatusName(s) : null, new(p.Space.Link, p.NewLink), new(p.Space.Name, p.NewName), new(p.Space.Code, p.NewCode));
}

/// <summary>Set a chosen passcode, or generate one (Passcode null or Generate true).</summary>
public sealed record PasscodeBody(string? Passcode, bool Generate);

public sealed record RevealedPasscodeResponse(string Passcode);
