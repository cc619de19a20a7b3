using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Core.Jobs;
using Aulario.Core.Passcodes;
using Aulario.Core.Portals;
using Aulario.Core.Secrets;
using Aulario.Core.Siu;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Core.Classrooms;

/// <summary>
/// The institute's procedure as steps (seed steps 1–10): create or choose the account → wait for its activation →
/// set the student passcode → read the personal meeting link → update the SIU space in one transaction → optionally
/// finalize the old account. Every step is idempotent: the account step adopts a user Zoom already has, the passcode
/// is generated and stored before it is pushed, and the SIU update writes nothing when the row already holds the values.
/// </summary>
public sealed class ClassroomJobHandler(
    IAularioDb db, IConferencingProvider zoom, ISiuDirectory siu, ISecretProtector secrets, IAuditLog audit,
    CreateAccount createAccount, AccountCommands accounts, PortalCommands portals, IOptions<JobsOptions> jobOptions, TimeProvider time) : IJobHandler
{
    public const string AssignKind = "classroom.assign";
    public const string PasscodeKind = "classroom.passcode";

    public string Kind => AssignKind;

    public async Task<StepOutcome> RunStepAsync(JobStep step, CancellationToken ct)
    {
        var work = step.State<ClassroomWork>();
        var actor = new Actor(step.Job.CreatedBy);
        var outcome = step.Name switch
        {
            "start" or ClassroomSteps.Account => work.PasscodeOnly ? new StepOutcome.Next(ClassroomSteps.Passcode, work) : await AccountStepAsync(work, actor, ct),
            ClassroomSteps.Activation => await ActivationStepAsync(work, ct),
            ClassroomSteps.Passcode => await PasscodeStepAsync(work, ct),
            ClassroomSteps.PushPasscode => await PushPasscodeStepAsync(work, actor, ct),
            ClassroomSteps.Link => await LinkStepAsync(work, ct),
            ClassroomSteps.Siu => await SiuStepAsync(work, actor, ct),
            ClassroomSteps.FinalizeOld => await FinalizeOldStepAsync(work, actor, ct),
            _ => new StepOutcome.Failed(Error.Validation("job.unknown-step", $"Paso desconocido «{step.Name}»."), work),
        };
        await RecordClassroomStateAsync(work, outcome, step.Job.Id, ct);
        return outcome;
    }

    private async Task<StepOutcome> AccountStepAsync(ClassroomWork work, Actor actor, CancellationToken ct)
    {
        var email = AccountRules.NormalizeEmail(work.AccountEmail ?? "");
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Email == email, ct);
        if (account is null)
        {
            var created = await createAccount.HandleAsync(new CreateAccountRequest(email, work.FirstName ?? "Aula", work.LastName ?? "Virtual",
                LicenseType.Licensed, IsClassroom: true, work.PortalId), actor, AdminScope.Institution, ct);
            if (!created.IsSuccess) return new StepOutcome.Failed(created.Errors[0], work);
            account = created.Value.Account;
        }
        else if (account.Status == AccountStatus.Finalized)
        {
            return new StepOutcome.Failed(Error.Conflict("classroom.account-finalized", $"La cuenta {email} está finalizada: reactivala o elegí otra."), work);
        }
        work.AccountId = account.Id;
        return new StepOutcome.Next(ClassroomSteps.Activation, work);
    }

    private async Task<StepOutcome> ActivationStepAsync(ClassroomWork work, CancellationToken ct)
    {
        var account = await db.Accounts.FirstAsync(a => a.Id == work.AccountId, ct);
        if (account.Status == AccountStatus.Active) return new StepOutcome.Next(ClassroomSteps.Passcode, work);
        var user = await zoom.GetUserAsync(account.ZoomUserId ?? account.Email, ct);
        if (!user.IsSuccess) return new StepOutcome.Failed(user.Errors[0], work);
        AccountSync.Apply(account, user.Value, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return account.Status == AccountStatus.Active
            ? new StepOutcome.Next(ClassroomSteps.Passcode, work)
            : new StepOutcome.Wait(time.GetUtcNow() + jobOptions.Value.ActivationPollInterval,
                $"Esperando que {account.Email} active su cuenta de Zoom (correo enviado). Se puede reenviar la activación desde Cuentas.", work);
    }

    private async Task<StepOutcome> PasscodeStepAsync(ClassroomWork work, CancellationToken ct)
    {
        if (work.PasscodeProtected is not null && !work.GeneratePasscode) return new StepOutcome.Next(ClassroomSteps.PushPasscode, work);
        var account = await AccountOf(work, ct);
        var settings = await zoom.GetPasscodeSettingsAsync(account.ZoomUserId!, ct);
        if (!settings.IsSuccess) return new StepOutcome.Failed(settings.Errors[0], work);
        work.PasscodeProtected = secrets.Protect(PasscodeGenerator.Generate(settings.Value.Requirement));
        work.GeneratePasscode = false;
        return new StepOutcome.Next(ClassroomSteps.PushPasscode, work);
    }

    private async Task<StepOutcome> PushPasscodeStepAsync(ClassroomWork work, Actor actor, CancellationToken ct)
    {
        var account = await AccountOf(work, ct);
        var passcode = secrets.Unprotect(work.PasscodeProtected!);
        var settings = await zoom.GetPasscodeSettingsAsync(account.ZoomUserId!, ct);
        if (!settings.IsSuccess) return new StepOutcome.Failed(settings.Errors[0], work);
        if (PasscodeGenerator.Validate(passcode, settings.Value.Requirement) is { } invalid) return new StepOutcome.Failed(invalid, work);
        if (settings.Value.PmiPasscode != passcode)
        {
            var set = await zoom.SetPmiPasscodeAsync(account.ZoomUserId!, passcode, ct);
            if (!set.IsSuccess) return new StepOutcome.Failed(set.Errors[0], work);
            audit.Record(actor, "classroom.passcode-changed", $"account:{account.Email}", portalId: work.PortalId);
        }
        var classroom = await db.Classrooms.FirstAsync(c => c.Id == work.ClassroomId, ct);
        classroom.PasscodeProtected = work.PasscodeProtected;
        classroom.PasscodeChangedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new StepOutcome.Next(ClassroomSteps.Link, work);
    }

    private async Task<StepOutcome> LinkStepAsync(ClassroomWork work, CancellationToken ct)
    {
        var account = await AccountOf(work, ct);
        var user = await zoom.GetUserAsync(account.ZoomUserId!, ct);
        if (!user.IsSuccess) return new StepOutcome.Failed(user.Errors[0], work);
        if (string.IsNullOrWhiteSpace(user.Value.PersonalMeetingUrl))
            return new StepOutcome.Failed(Error.Upstream("classroom.no-link", "Zoom no devolvió el enlace de la sala personal de la cuenta."), work);
        AccountSync.Apply(account, user.Value, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        work.Link = user.Value.PersonalMeetingUrl;
        if (work.PasscodeOnly)
        {
            var classroom = await db.Classrooms.FirstAsync(c => c.Id == work.ClassroomId, ct);
            // The SIU link changes only when it embeds the passcode (pwd=).
            if (string.Equals(classroom.SiuLink, work.Link, StringComparison.Ordinal))
                return new StepOutcome.Completed(work, "Contraseña cambiada; el enlace no cambia.");
        }
        return new StepOutcome.Next(ClassroomSteps.Siu, work);
    }

    private async Task<StepOutcome> SiuStepAsync(ClassroomWork work, Actor actor, CancellationToken ct)
    {
        var portal = await db.Portals.FirstAsync(p => p.Id == work.PortalId, ct);
        if (portals.TargetOf(portal) is not { } target)
            return new StepOutcome.Failed(Error.Validation("portal.no-connection", "El portal no tiene configurada la conexión a SIU."), work);
        target = target with { AuditUser = Truncate($"{portal.SiuAuditUser}:{actor.Name}", 60) };
        var classroom = await db.Classrooms.FirstAsync(c => c.Id == work.ClassroomId, ct);
        var current = await siu.GetSpaceAsync(target, work.SpaceId, ct);
        if (!current.IsSuccess) return new StepOutcome.Failed(current.Errors[0], work);
        var name = work.NewName ?? current.Value.Name;
        var code = work.NewCode ?? current.Value.Code;
        var updated = await siu.UpdateSpaceAsync(target, new SiuSpaceUpdate(work.SpaceId, work.Link!, name, code), ct);
        if (!updated.IsSuccess) return new StepOutcome.Failed(updated.Errors[0], work);
        if (updated.Value.Changed)
        {
            audit.Record(actor, "classroom.siu-updated", $"siu:{portal.Code}/{work.SpaceId}",
                new { updated.Value.Before.Name, updated.Value.Before.Code, updated.Value.Before.Link },
                new { updated.Value.After.Name, updated.Value.After.Code, updated.Value.After.Link }, portal.Id);
        }
        classroom.SiuName = updated.Value.After.Name;
        classroom.SiuCode = updated.Value.After.Code;
        classroom.SiuLink = updated.Value.After.Link;
        if (!work.PasscodeOnly && classroom.AccountId != work.AccountId)
        {
            audit.Record(actor, "classroom.account-assigned", $"classroom:{portal.Code}/{work.SpaceId}",
                new { AccountId = classroom.AccountId }, new { AccountId = work.AccountId, work.AccountEmail }, portal.Id);
            classroom.AccountId = work.AccountId;
        }
        await db.SaveChangesAsync(ct);
        return work.FinalizeOldAccount && work.OldAccountId is not null && work.OldAccountId != work.AccountId
            ? new StepOutcome.Next(ClassroomSteps.FinalizeOld, work)
            : new StepOutcome.Completed(work);
    }

    private async Task<StepOutcome> FinalizeOldStepAsync(ClassroomWork work, Actor actor, CancellationToken ct)
    {
        var finalized = await accounts.FinalizeAsync(work.OldAccountId!.Value, actor, AdminScope.Institution, ct);
        return finalized.IsSuccess ? new StepOutcome.Completed(work) : new StepOutcome.Failed(finalized.Errors[0], work);
    }

    private async Task RecordClassroomStateAsync(ClassroomWork work, StepOutcome outcome, Guid jobId, CancellationToken ct)
    {
        var classroom = await db.Classrooms.FirstOrDefaultAsync(c => c.Id == work.ClassroomId, ct);
        if (classroom is null) return;
        (classroom.State, classroom.AttentionReason) = outcome switch
        {
            StepOutcome.Completed => (ClassroomState.Ready, (string?)null),
            StepOutcome.Failed f => (ClassroomState.NeedsAttention, f.Error.Message),
            StepOutcome.Wait w => (ClassroomState.InProgress, w.Reason),
            StepOutcome.PauseJob p => (ClassroomState.InProgress, p.Reason),
            _ => (ClassroomState.InProgress, (string?)null),
        };
        classroom.LastJobId = jobId;
        classroom.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    private async Task<Account> AccountOf(ClassroomWork work, CancellationToken ct)
    {
        if (work.AccountId is null)
        {
            var classroom = await db.Classrooms.FirstAsync(c => c.Id == work.ClassroomId, ct);
            work.AccountId = classroom.AccountId;
        }
        return await db.Accounts.FirstAsync(a => a.Id == work.AccountId, ct);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>Passcode rotation runs the same steps from "passcode" on.</summary>
public sealed class PasscodeJobHandler(ClassroomJobHandler steps) : IJobHandler
{
    public string Kind => ClassroomJobHandler.PasscodeKind;
    public Task<StepOutcome> RunStepAsync(JobStep step, CancellationToken ct) => steps.RunStepAsync(step, ct);
}
