using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Jobs;
using Aulario.Core.Passcodes;
using Aulario.Core.Portals;
using Aulario.Core.Secrets;
using Aulario.Core.Siu;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Classrooms;

/// <summary>
/// "Nueva aula" and "Reemplazar cuenta" are one request: put this account on this SIU space. For a new account it is
/// created (autoCreate on a managed domain, otherwise pending until activation).
/// </summary>
/// <param name="Passcode">The student passcode; null generates one that obeys the account's rules.</param>
public sealed record AssignClassroomRequest(
    Guid PortalId, int SpaceId, string AccountEmail, string? FirstName, string? LastName,
    string? NewName, string? NewCode, string? Passcode, bool FinalizeOldAccount);

public sealed record ClassroomPreview(
    SiuSpace Space, string? OldAccountEmail, string AccountEmail, bool AccountExists, AccountStatus? AccountStatus,
    string NewName, string? NewCode, string? NewLink);

public sealed class ClassroomCommands(
    IAularioDb db, ISiuDirectory siu, PortalCommands portals, ISecretProtector secrets, IAuditLog audit, TimeProvider time)
{
    /// <summary>What will change in SIU (old → new) before anything is touched.</summary>
    public async Task<Result<ClassroomPreview>> PreviewAsync(AssignClassroomRequest r, AdminScope scope, CancellationToken ct = default)
    {
        var errors = Validate(r);
        if (errors.Count > 0) return Result<ClassroomPreview>.Fail(errors);
        var portal = await portals.GetAsync(r.PortalId, scope, ct);
        if (!portal.IsSuccess) return Result<ClassroomPreview>.Fail(portal.Errors);
        var email = AccountRules.NormalizeEmail(r.AccountEmail);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Email == email, ct);
        // Another portal's (or the institution's) account is not the portal admin's to link, nor to describe.
        if (account is not null && !scope.Allows(account.PortalId))
            return Error.Conflict("classroom.account-out-of-scope", $"La cuenta {email} pertenece a otro portal: elegí otra.", "accountEmail");
        if (portals.TargetOf(portal.Value) is not { } target)
            return Error.Validation("portal.no-connection", "El portal no tiene configurada la conexión a SIU.");
        var space = await siu.GetSpaceAsync(target, r.SpaceId, ct);
        if (!space.IsSuccess) return Result<ClassroomPreview>.Fail(space.Errors);
        var classroom = await db.Classrooms.AsNoTracking().FirstOrDefaultAsync(c => c.PortalId == r.PortalId && c.SiuSpaceId == r.SpaceId, ct);
        var old = classroom?.AccountId is { } oldId ? await db.Accounts.AsNoTracking().Where(a => a.Id == oldId).Select(a => a.Email).FirstOrDefaultAsync(ct) : null;
        return new ClassroomPreview(space.Value, old, email, account is not null, account?.Status,
            string.IsNullOrWhiteSpace(r.NewName) ? space.Value.Name : r.NewName.Trim(),
            string.IsNullOrWhiteSpace(r.NewCode) ? space.Value.Code : r.NewCode.Trim(),
            account?.PersonalMeetingUrl);
    }

    /// <summary>Starts the job; the classroom shows "in progress" at once.</summary>
    public async Task<Result<Job>> StartAssignAsync(AssignClassroomRequest r, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var preview = await PreviewAsync(r, scope, ct);
        if (!preview.IsSuccess) return Result<Job>.Fail(preview.Errors);
        var prepared = await PrepareAssignAsync(r, preview.Value, null, ct);
        if (!prepared.IsSuccess) return Result<Job>.Fail(prepared.Errors);
        var job = JobEngine.Add(db, audit, time, ClassroomJobHandler.AssignKind, actor, r.PortalId, null, [($"space:{r.SpaceId}", prepared.Value.Work)]);
        prepared.Value.Classroom.LastJobId = job.Id;
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>
    /// Checks the account can take the space, marks the classroom in progress (creating it on first use) and builds the work of
    /// the assign steps; the caller saves. A classroom busy with another job is refused; <paramref name="jobId"/>'s own is not (a rerun).
    /// </summary>
    public async Task<Result<(Classroom Classroom, ClassroomWork Work)>> PrepareAssignAsync(AssignClassroomRequest r, ClassroomPreview preview,
        Guid? jobId, CancellationToken ct = default)
    {
        if (preview.AccountStatus == AccountStatus.Finalized)
            return Error.Conflict("classroom.account-finalized", $"La cuenta {preview.AccountEmail} está finalizada: reactivala o elegí otra.", "accountEmail");
        var now = time.GetUtcNow();
        var classroom = await db.Classrooms.FirstOrDefaultAsync(c => c.PortalId == r.PortalId && c.SiuSpaceId == r.SpaceId, ct);
        if (classroom is { State: ClassroomState.InProgress } && (jobId is null || classroom.LastJobId != jobId))
            return Error.Conflict("classroom.busy", "El aula ya tiene un trabajo en curso: esperá a que termine o cancelalo.");
        if (classroom is null)
        {
            classroom = new Classroom { PortalId = r.PortalId, SiuSpaceId = r.SpaceId, CreatedAt = now, SiuName = preview.Space.Name,
                SiuCode = preview.Space.Code, SiuLink = preview.Space.Link };
            db.Classrooms.Add(classroom);
        }
        classroom.State = ClassroomState.InProgress;
        classroom.AttentionReason = null;
        classroom.UpdatedAt = now;
        if (jobId is not null) classroom.LastJobId = jobId;
        var work = new ClassroomWork
        {
            PortalId = r.PortalId, ClassroomId = classroom.Id, SpaceId = r.SpaceId, AccountEmail = preview.AccountEmail,
            FirstName = r.FirstName?.Trim(), LastName = r.LastName?.Trim(), NewName = preview.NewName, NewCode = preview.NewCode,
            PasscodeProtected = string.IsNullOrEmpty(r.Passcode) ? null : secrets.Protect(r.Passcode), GeneratePasscode = string.IsNullOrEmpty(r.Passcode),
            FinalizeOldAccount = r.FinalizeOldAccount, OldAccountId = classroom.AccountId,
            OldLink = preview.Space.Link, OldName = preview.Space.Name, OldCode = preview.Space.Code,
        };
        return (classroom, work);
    }

    /// <summary>Sets (given) or rotates (generated) the student passcode of one or many classrooms, as one job.</summary>
    public async Task<Result<Job>> StartPasscodeChangeAsync(Guid portalId, IReadOnlyCollection<Guid>? classroomIds, string? passcode,
        Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        if (!scope.Allows(portalId)) return Error.NotFound("portal.not-found", "El portal no existe o no está a tu alcance.");
        if (passcode is not null && PasscodeGenerator.Validate(passcode, new Conferencing.PasscodeRequirement()) is { } invalid) return invalid;
        if (passcode is not null && classroomIds is not { Count: 1 })
            return Error.Validation("passcode.one-only", "Una contraseña elegida se aplica a una sola aula; para varias, generá una por aula.", "passcode");
        var q = db.Classrooms.Where(c => c.PortalId == portalId && c.AccountId != null);
        if (classroomIds is not null) q = q.Where(c => classroomIds.Contains(c.Id));
        var classrooms = await q.ToListAsync(ct);
        if (classrooms.Count == 0) return Error.Validation("passcode.none-selected", "Elegí al menos un aula con cuenta asignada.");
        var busy = classrooms.FirstOrDefault(c => c.State == ClassroomState.InProgress);
        if (busy is not null) return Error.Conflict("classroom.busy", $"El aula {busy.SiuName} tiene un trabajo en curso.");
        var now = time.GetUtcNow();
        var items = classrooms.Select(c => ($"classroom:{c.Id}", (object?)new ClassroomWork
        {
            PortalId = portalId, ClassroomId = c.Id, SpaceId = c.SiuSpaceId, AccountId = c.AccountId, PasscodeOnly = true,
            PasscodeProtected = passcode is null ? null : secrets.Protect(passcode), GeneratePasscode = passcode is null,
        })).ToList();
        var job = JobEngine.Add(db, audit, time, ClassroomJobHandler.PasscodeKind, actor, portalId, null, items);
        foreach (var c in classrooms) { c.State = ClassroomState.InProgress; c.LastJobId = job.Id; c.UpdatedAt = now; }
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>Shows the student passcode to an admin; every reveal is audited.</summary>
    public async Task<Result<string>> RevealPasscodeAsync(Guid classroomId, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var classroom = await db.Classrooms.FirstOrDefaultAsync(c => c.Id == classroomId, ct);
        if (classroom is null || !scope.Allows(classroom.PortalId)) return Error.NotFound("classroom.not-found", "El aula no existe o no está a tu alcance.");
        if (classroom.PasscodeProtected is null) return Error.NotFound("classroom.no-passcode", "El aula todavía no tiene contraseña de alumno.");
        audit.Record(actor, "classroom.passcode-revealed", $"classroom:{classroom.Id}", portalId: classroom.PortalId);
        await db.SaveChangesAsync(ct);
        return secrets.Unprotect(classroom.PasscodeProtected);
    }

    private static List<Error> Validate(AssignClassroomRequest r)
    {
        var errors = new List<Error>();
        if (AccountRules.ValidateEmail(r.AccountEmail, "accountEmail") is { } e) errors.Add(e);
        if (AccountRules.ValidateName(r.FirstName, "firstName", false) is { } f) errors.Add(f);
        if (AccountRules.ValidateName(r.LastName, "lastName", false) is { } l) errors.Add(l);
        if (r.SpaceId <= 0) errors.Add(Error.Validation("classroom.space-required", "Elegí el espacio de SIU.", "spaceId"));
        if (r.NewName is { Length: > 0 } n && (n.Trim().Length == 0 || n.Any(c => char.IsControl(c) || c is '<' or '>')))
            errors.Add(Error.Validation("classroom.name-invalid", "El nombre no puede contener < > ni caracteres de control.", "newName"));
        if (r.NewCode is { Length: > 0 } c && c.Any(ch => char.IsControl(ch) || ch is '<' or '>'))
            errors.Add(Error.Validation("classroom.code-invalid", "El código no puede contener < > ni caracteres de control.", "newCode"));
        if (!string.IsNullOrEmpty(r.Passcode) && PasscodeGenerator.Validate(r.Passcode, new Conferencing.PasscodeRequirement()) is { } p) errors.Add(p);
        return errors;
    }
}
