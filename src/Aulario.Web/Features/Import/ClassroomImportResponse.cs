using Aulario.Core.Import;

namespace Aulario.Web.Features.Import;

/// <summary>The classroom import's dry run as the API returns it (statuses as words: assign, replace, unchanged, invalid).</summary>
public sealed record ClassroomImportResponse(
    Guid? JobId, Guid PortalId, string Separator, int Valid, int Assign, int Replace, int Unchanged, int Invalid, IReadOnlyList<ClassroomImportRowResponse> Rows)
{
    public static ClassroomImportResponse From(ClassroomImportReport r) => new(r.JobId, r.PortalId, r.Separator.ToString(), r.Valid, r.Assign, r.Replace,
        r.Unchanged, r.Invalid, r.Rows.Select(x => new ClassroomImportRowResponse(x.Line, x.Email, x.SpaceId, x.Status.ToString().ToLowerInvariant(), x.Message,
            x.OldAccountEmail, x.AccountExists, x.FinalizeOldAccount, new(x.OldName, x.NewName), new(x.OldCode, x.NewCode), x.OldLink)).ToList());
}

public sealed record ClassroomImportRowResponse(
    int Line, string Email, int? SpaceId, string Status, string Message, string? OldAccountEmail, bool AccountExists, bool FinalizeOldAccount,
    ClassroomImportChange Name, ClassroomImportChange Code, string? OldLink);

public sealed record ClassroomImportChange(string? Old, string? New);
