using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Core.Passcodes;
using Aulario.Core.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Accounts;

public sealed record EditAccountRequest(
    string FirstName, string LastName, LicenseType LicenseType, string? Timezone, string? Department, bool IsClassroom);

/// <summary>
/// The one-account actions of the edit page: edit, reset password, finalize, reactivate, refresh from Zoom,
/// re-send activation. Each pushes to Zoom first, then records the change and its audit entry in one SaveChanges.
/// The email never changes: it is the account's identity in Zoom and in Aulario.
/// </summary>
public sealed class AccountCommands(
    IAularioDb db, IConferencingProvider zoom, ISecretProtector secrets, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<Account>> EditAsync(Guid id, EditAccountRequest r, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var errors = new List<Error>();
        if (AccountRules.ValidateName(r.FirstName, "firstName", true) is { } f) errors.Add(f);
        if (AccountRules.ValidateName(r.LastName, "lastName", true) is { } l) errors.Add(l);
        if (AccountRules.ValidateTimezone(string.IsNullOrWhiteSpace(r.Timezone) ? null : r.Timezone.Trim()) is { } tz) errors.Add(tz);
        if (AccountRules.ValidateDepartment(r.Department) is { } d) errors.Add(d);
        if (!Enum.IsDefined(r.LicenseType)) errors.Add(Error.Validation("account.license-invalid", "El tipo de licencia debe ser Básica o Con licencia.", "licenseType"));
        if (errors.Count > 0) return Result<Account>.Fail(errors);

        var found = await Tracked(id, scope, ct);
        if (!found.IsSuccess) return found;
        var account = found.Value;
        if (account.Status == AccountStatus.Finalized)
            return Error.Conflict("account.finalized", "La cuenta está finalizada: reactivala antes de editarla.");
        var before = AccountSnapshot.Of(account);
        var timezone = string.IsNullOrWhiteSpace(r.Timezone) ? null : r.Timezone.Trim();
        var department = string.IsNullOrWhiteSpace(r.Department) ? null : r.Department.Trim();
        if (account.ZoomUserId is { } zoomId)
        {
            // Zoom keeps no settings for pending users (code 1000), but the profile can be patched once active.
            if (account.Status == AccountStatus.Active)
            {
                var pushed = await zoom.UpdateUserAsync(zoomId, new ProviderUserUpdate(r.FirstName.Trim(), r.LastName.Trim(),
                    r.LicenseType, timezone, department), ct);
                if (!pushed.IsSuccess) return Result<Account>.Fail(pushed.Errors);
            }
        }
        account.FirstName = r.FirstName.Trim();
        account.LastName = r.LastName.Trim();
        account.LicenseType = r.LicenseType;
        account.Timezone = timezone;
        account.Department = department;
        account.IsClassroom = r.IsClassroom;
        account.RefreshSearchKey();
        audit.Record(actor, "account.edited", $"account:{account.Email}", before, AccountSnapshot.Of(account), account.PortalId);
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>Generates a strong password, pushes it to Zoom and stores it encrypted. The caller shows it once.</summary>
    public async Task<Result<string>> ResetPasswordAsync(Guid id, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var found = await Tracked(id, scope, ct);
        if (!found.IsSuccess) return Result<string>.Fail(found.Errors);
        var account = found.Value;
        if (account.Status != AccountStatus.Active || account.ZoomUserId is null)
            return Error.Conflict("account.not-active", "Solo se puede cambiar la contraseña de una cuenta activa.");
        var password = SecretGenerator.Password();
        var pushed = await zoom.SetPasswordAsync(account.ZoomUserId, password, ct);
        if (!pushed.IsSuccess) return Result<string>.Fail(pushed.Errors);
        account.PasswordProtected = secrets.Protect(password);
        audit.Record(actor, "account.password-reset", $"account:{account.Email}", portalId: account.PortalId);
        await db.SaveChangesAsync(ct);
        return password;
    }

    /// <summary>Reveals the stored account password (audited).</summary>
    public async Task<Result<string>> RevealPasswordAsync(Guid id, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var found = await Tracked(id, scope, ct);
        if (!found.IsSuccess) return Result<string>.Fail(found.Errors);
        if (found.Value.PasswordProtected is not { } stored)
            return Error.NotFound("account.no-password", "Aulario no guarda la contraseña de esta cuenta (la eligió la persona o se creó en Zoom).");
        audit.Record(actor, "account.password-revealed", $"account:{found.Value.Email}", portalId: found.Value.PortalId);
        await db.SaveChangesAsync(ct);
        return secrets.Unprotect(stored);
    }

    /// <summary>
    /// Finalizar: deactivates the user in Zoom at once (sign-in blocked, license removed), rotates the PMI passcode so links
    /// with an embedded passcode stop working, and marks the account finalized. Idempotent.
    /// </summary>
    public async Task<Result<Account>> FinalizeAsync(Guid id, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var found = await Tracked(id, scope, ct);
        if (!found.IsSuccess) return found;
        var account = found.Value;
        if (account.Status == AccountStatus.Finalized) return account;
        var before = AccountSnapshot.Of(account);
        if (account.ZoomUserId is { } zoomId)
        {
            if (account.Status == AccountStatus.Active)
            {
                // Rotate first: a deactivated user's settings can no longer be changed.
                var rotated = await zoom.SetPmiPasscodeAsync(zoomId, PasscodeGenerator.Generate(new PasscodeRequirement()), ct);
                if (!rotated.IsSuccess && rotated.Errors[0].Code != ProviderErrorCodes.UserNotFound) return Result<Account>.Fail(rotated.Errors);
                var deactivated = await zoom.SetActiveAsync(zoomId, false, ct);
                if (!deactivated.IsSuccess && deactivated.Errors[0].Code != ProviderErrorCodes.UserNotFound) return Result<Account>.Fail(deactivated.Errors);
            }
            else
            {
                // A pending user cannot be deactivated in Zoom: withdraw the invitation instead.
                var removed = await zoom.RemoveUserAsync(zoomId, deletePermanently: false, ct);
                if (!removed.IsSuccess && removed.Errors[0].Code != ProviderErrorCodes.UserNotFound) return Result<Account>.Fail(removed.Errors);
                account.ZoomUserId = null;
            }
        }
        account.LicenseTypeBeforeFinalize = account.LicenseType;
        account.Status = AccountStatus.Finalized;
        account.FinalizedAt = time.GetUtcNow();
        audit.Record(actor, "account.finalized", $"account:{account.Email}", before, AccountSnapshot.Of(account), account.PortalId);
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>Reactivar: activates the user in Zoom and restores the license type it had before finalizing.</summary>
    public async Task<Result<Account>> ReactivateAsync(Guid id, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var found = await Tracked(id, scope, ct);
        if (!found.IsSuccess) return found;
        var account = found.Value;
        if (account.Status != AccountStatus.Finalized) return account;
        if (account.ZoomUserId is null)
            return Error.Conflict("account.no-zoom-user", "La invitación de esta cuenta se retiró al finalizarla: creala de nuevo para reenviar la activación.");
        var before = AccountSnapshot.Of(account);
        var activated = await zoom.SetActiveAsync(account.ZoomUserId, true, ct);
        if (!activated.IsSuccess) return Result<Account>.Fail(activated.Errors);
        var license = account.LicenseTypeBeforeFinalize ?? account.LicenseType;
        var restored = await zoom.UpdateUserAsync(account.ZoomUserId, new ProviderUserUpdate(LicenseType: license), ct);
        if (!restored.IsSuccess) return Result<Account>.Fail(restored.Errors);
        account.Status = AccountStatus.Active;
        account.LicenseType = license;
        account.LicenseTypeBeforeFinalize = null;
        account.FinalizedAt = null;
        audit.Record(actor, "account.reactivated", $"account:{account.Email}", before, AccountSnapshot.Of(account), account.PortalId);
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>Reads the account from Zoom and stores what changed (status, names, license, PMI, last sign-in).</summary>
    public async Task<Result<Account>> RefreshAsync(Guid id, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var found = await Tracked(id, scope, ct);
        if (!found.IsSuccess) return found;
        var account = found.Value;
        var user = await zoom.GetUserAsync(account.ZoomUserId ?? account.Email, ct);
        if (!user.IsSuccess) return Result<Account>.Fail(user.Errors);
        var before = AccountSnapshot.Of(account);
        AccountSync.Apply(account, user.Value, time.GetUtcNow());
        var after = AccountSnapshot.Of(account);
        if (!Equals(before.ToString(), after.ToString()))
            audit.Record(actor, "account.refreshed", $"account:{account.Email}", before, after, account.PortalId);
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>
    /// Re-sends Zoom's activation email to a pending account. Zoom's API has no "resend": the pending invitation is
    /// withdrawn (disassociate) and created again with action=create, which sends a fresh email.
    /// </summary>
    public async Task<Result<Account>> ResendActivationAsync(Guid id, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        var found = await Tracked(id, scope, ct);
        if (!found.IsSuccess) return found;
        var account = found.Value;
        if (account.Status != AccountStatus.Pending)
            return Error.Conflict("account.not-pending", "Solo las cuentas pendientes reciben correos de activación.");
        if (account.ZoomUserId is { } oldId)
        {
            var removed = await zoom.RemoveUserAsync(oldId, deletePermanently: false, ct);
            if (!removed.IsSuccess && removed.Errors[0].Code != ProviderErrorCodes.UserNotFound) return Result<Account>.Fail(removed.Errors);
        }
        var created = await zoom.CreateUserAsync(new NewProviderUser(account.Email, account.FirstName, account.LastName, account.LicenseType, CreateMode.Create), ct);
        if (!created.IsSuccess)
        {
            // The old invitation is gone: record that so a retry creates again instead of removing again.
            account.ZoomUserId = null;
            await db.SaveChangesAsync(ct);
            return Result<Account>.Fail(created.Errors);
        }
        account.ZoomUserId = created.Value.Id;
        account.ActivationSentAt = time.GetUtcNow();
        audit.Record(actor, "account.activation-sent", $"account:{account.Email}", portalId: account.PortalId);
        await db.SaveChangesAsync(ct);
        return account;
    }

    private async Task<Result<Account>> Tracked(Guid id, AdminScope scope, CancellationToken ct)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
        return account is not null && scope.Allows(account.PortalId)
            ? account
            : Error.NotFound("account.not-found", "La cuenta no existe o no está a tu alcance.");
    }
}
