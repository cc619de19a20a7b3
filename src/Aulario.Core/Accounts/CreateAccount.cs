using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Core.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Core.Accounts;

public sealed record CreateAccountRequest(
    string Email, string FirstName, string LastName, LicenseType LicenseType = LicenseType.Licensed,
    bool IsClassroom = false, Guid? PortalId = null, string? ExternalId = null, bool SignsInWithSso = false, CreateMode? Mode = null);

/// <summary>The created account and, for autoCreate, the generated password (shown once, stored encrypted).</summary>
public sealed record CreatedAccount(Account Account, string? GeneratedPassword, bool AdoptedExisting);

/// <summary>
/// Creates an account directly: autoCreate with a generated strong password on a managed domain (active at once),
/// otherwise Zoom's create (pending until the person accepts Zoom's activation email). People who will sign in by SSO
/// (<see cref="CreateAccountRequest.SignsInWithSso"/>, e.g. provisioned by SCIM) get ssoCreate (active, no password) when
/// Zoom:SsoCreate says the Zoom account has SSO; otherwise the same rules as everyone else.
/// When Zoom says the email is taken and the user is in this Zoom account but not in Aulario, the user is adopted
/// instead of failing, so a retry after a crash never leaves an orphan nor creates a second user.
/// </summary>
public sealed class CreateAccount(
    IAularioDb db, IConferencingProvider zoom, ISecretProtector secrets, IAuditLog audit,
    IOptions<ProvisioningOptions> options, TimeProvider time)
{
    public async Task<Result<CreatedAccount>> HandleAsync(CreateAccountRequest request, Actor actor, AdminScope scope, CancellationToken ct = default)
    {
        request = request with { PortalId = scope.PortalFor(request.PortalId) };
        var errors = Validate(request, scope);
        if (errors.Count > 0) return Result<CreatedAccount>.Fail(errors);
        var email = AccountRules.NormalizeEmail(request.Email);
        if (await db.Accounts.AnyAsync(a => a.Email == email, ct))
            return Error.Conflict("account.duplicate", $"Ya existe una cuenta con el correo {email} en Aulario.", "email");

        // Mode null: ssoCreate for people provisioned for SSO (SCIM) when Zoom:SsoCreate is on, autoCreate on a managed
        // domain, otherwise create. The SSO sign-in asks for ssoCreate or create explicitly.
        var mode = request.Mode
            ?? (request.SignsInWithSso && options.Value.SsoCreate ? CreateMode.SsoCreate
                : options.Value.IsManaged(email) ? CreateMode.AutoCreate : CreateMode.Create);
        var password = mode == CreateMode.AutoCreate ? SecretGenerator.Password() : null;
        var created = await zoom.CreateUserAsync(new NewProviderUser(email, request.FirstName.Trim(), request.LastName.Trim(),
            request.LicenseType, mode, password), ct);

        var adopted = false;
        ProviderUser user;
        if (created.IsSuccess)
        {
            user = created.Value;
        }
        else if (created.Errors[0].Code == ProviderErrorCodes.EmailTaken
                 && await zoom.GetUserAsync(email, ct) is { IsSuccess: true } existing)
        {
            user = existing.Value;
            adopted = true;
            password = null;
        }
        else
        {
            return Result<CreatedAccount>.Fail(created.Errors);
        }

        // PMI and link come with GET (create answers only id/email/names/type).
        if (user.Pmi is null && await zoom.GetUserAsync(user.Id, ct) is { IsSuccess: true } full) user = full.Value;

        var account = new Account
        {
            Email = email,
            FirstName = request.FirstName.Trim(),
            LastName = request.LastName.Trim(),
            LicenseType = request.LicenseType,
            IsClassroom = request.IsClassroom,
            PortalId = request.PortalId,
            ExternalId = request.ExternalId,
            CreatedAt = time.GetUtcNow(),
        };
        AccountSync.Apply(account, user, time.GetUtcNow());
        if (!adopted && user.Status == ProviderUserStatus.Pending) account.ActivationSentAt = time.GetUtcNow();
        if (password is not null) account.PasswordProtected = secrets.Protect(password);
        db.Accounts.Add(account);
        audit.Record(actor, adopted ? "account.adopted" : "account.created", $"account:{email}", after: AccountSnapshot.Of(account), portalId: account.PortalId);
        await db.SaveChangesAsync(ct);
        return new CreatedAccount(account, password, adopted);
    }

    internal static List<Error> Validate(CreateAccountRequest r, AdminScope scope)
    {
        var errors = new List<Error>();
        if (AccountRules.ValidateEmail(r.Email) is { } e) errors.Add(e);
        if (AccountRules.ValidateName(r.FirstName, "firstName", required: true) is { } f) errors.Add(f);
        if (AccountRules.ValidateName(r.LastName, "lastName", required: true) is { } l) errors.Add(l);
        if (!Enum.IsDefined(r.LicenseType)) errors.Add(Error.Validation("account.license-invalid", "El tipo de licencia debe ser Básica o Con licencia.", "licenseType"));
        if (r.Mode is { } m && !Enum.IsDefined(m)) errors.Add(Error.Validation("account.mode-invalid", "El modo de alta en Zoom no es válido.", "mode"));
        if (scope.CheckNew(r.PortalId) is { } portal) errors.Add(portal);
        return errors;
    }
}

/// <summary>Copies what Zoom knows into the account.</summary>
public static class AccountSync
{
    public static void Apply(Account account, ProviderUser user, DateTimeOffset now)
    {
        account.ZoomUserId = user.Id;
        account.Status = user.Status switch
        {
            ProviderUserStatus.Active => AccountStatus.Active,
            ProviderUserStatus.Pending => AccountStatus.Pending,
            ProviderUserStatus.Inactive => AccountStatus.Finalized,
        };
        if (account.Status != AccountStatus.Finalized) account.LicenseType = user.LicenseType;
        if (!string.IsNullOrWhiteSpace(user.FirstName)) account.FirstName = user.FirstName;
        if (!string.IsNullOrWhiteSpace(user.LastName)) account.LastName = user.LastName;
        account.Pmi = user.Pmi ?? account.Pmi;
        account.PersonalMeetingUrl = user.PersonalMeetingUrl ?? account.PersonalMeetingUrl;
        account.Timezone = user.Timezone ?? account.Timezone;
        account.Department = user.Department ?? account.Department;
        account.LastSignInAt = user.LastLoginTime ?? account.LastSignInAt;
        account.SyncedAt = now;
        account.RefreshSearchKey();
    }
}

/// <summary>The fields an audit entry records for an account (never secrets).</summary>
public static class AccountSnapshot
{
    public static object Of(Account a) => new
    {
        a.Email, a.FirstName, a.LastName, Status = a.Status.ToString(), LicenseType = a.LicenseType.ToString(),
        a.IsClassroom, a.Timezone, a.Department, a.PortalId, a.ZoomUserId, a.ExternalId,
    };
}
