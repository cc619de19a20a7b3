using System.Security.Cryptography;
using System.Text;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Core.Accounts;

public sealed record InviteRequest(string Email, string? FirstName, string? LastName, LicenseType LicenseType = LicenseType.Licensed, Guid? PortalId = null);

public sealed record AcceptInvitationRequest(string Token, string FirstName, string LastName, string Password);

public sealed record InvitationView(string Email, string? FirstName, string? LastName);

/// <summary>
/// "Invitar a los usuarios a que se registren": Aulario emails a single-use sign-up link valid for 7 days
/// (only its SHA-256 is stored). The person confirms their name and sets a password; Aulario then creates the Zoom
/// user: autoCreate with that password on a managed domain (active at once), otherwise create (pending until the
/// person also accepts Zoom's activation email).
/// </summary>
public sealed class Invitations(
    IAularioDb db, IConferencingProvider zoom, IAuditLog audit, IOptions<ProvisioningOptions> options, TimeProvider time)
{
    /// <param name="signUpUrl">Builds the absolute sign-up URL for a token (the web host knows its public address).</param>
    public async Task<Result<Invitation>> InviteAsync(InviteRequest r, Actor actor, AdminScope scope, Func<string, string> signUpUrl,
        string culture, CancellationToken ct = default)
    {
        r = r with { PortalId = scope.PortalFor(r.PortalId) };
        var errors = new List<Error>();
        if (AccountRules.ValidateEmail(r.Email) is { } e) errors.Add(e);
        if (AccountRules.ValidateName(r.FirstName, "firstName", false) is { } f) errors.Add(f);
        if (AccountRules.ValidateName(r.LastName, "lastName", false) is { } l) errors.Add(l);
        if (scope.CheckNew(r.PortalId) is { } portal) errors.Add(portal);
        if (errors.Count > 0) return Result<Invitation>.Fail(errors);
        var email = AccountRules.NormalizeEmail(r.Email);
        if (await db.Accounts.AnyAsync(a => a.Email == email, ct))
            return Error.Conflict("account.duplicate", $"Ya existe una cuenta con el correo {email} en Aulario.", "email");

        var now = time.GetUtcNow();
        // A new invitation replaces any open one for the same email.
        var open = await db.Invitations.Where(i => i.Email == email && i.UsedAt == null).ToListAsync(ct);
        foreach (var old in open) old.UsedAt = now;

        var token = Secrets.SecretGenerator.Token();
        var invitation = new Invitation
        {
            Email = email,
            TokenHash = Hash(token),
            ExpiresAt = now + options.Value.InvitationLifetime,
            CreatedAt = now,
            CreatedBy = actor.Name,
            FirstName = r.FirstName?.Trim(),
            LastName = r.LastName?.Trim(),
            LicenseType = r.LicenseType,
            PortalId = r.PortalId,
        };
        db.Invitations.Add(invitation);
        db.OutboxMails.Add(MailTemplates.Invitation(email, r.FirstName?.Trim(), signUpUrl(token), invitation.ExpiresAt, culture, now));
        audit.Record(actor, "account.invited", $"account:{email}", after: new { email, invitation.ExpiresAt, LicenseType = r.LicenseType.ToString() }, portalId: r.PortalId);
        await db.SaveChangesAsync(ct);
        return invitation;
    }

    public async Task<Result<InvitationView>> ViewAsync(string token, CancellationToken ct = default)
    {
        var found = await Open(token, ct);
        return found.IsSuccess ? new InvitationView(found.Value.Email, found.Value.FirstName, found.Value.LastName) : Result<InvitationView>.Fail(found.Errors);
    }

    public async Task<Result<Account>> AcceptAsync(AcceptInvitationRequest r, CancellationToken ct = default)
    {
        var found = await Open(r.Token, ct);
        if (!found.IsSuccess) return Result<Account>.Fail(found.Errors);
        var invitation = found.Value;
        var errors = new List<Error>();
        if (AccountRules.ValidateName(r.FirstName, "firstName", true) is { } f) errors.Add(f);
        if (AccountRules.ValidateName(r.LastName, "lastName", true) is { } l) errors.Add(l);
        if (r.Password is not { Length: >= 8 and < 32 })
            errors.Add(Error.Validation("account.password-length", "La contraseña debe tener entre 8 y 31 caracteres.", "password"));
        if (errors.Count > 0) return Result<Account>.Fail(errors);

        var managed = options.Value.IsManaged(invitation.Email);
        var created = await zoom.CreateUserAsync(new NewProviderUser(invitation.Email, r.FirstName.Trim(), r.LastName.Trim(), invitation.LicenseType,
            managed ? CreateMode.AutoCreate : CreateMode.Create, managed ? r.Password : null), ct);
        if (!created.IsSuccess) return Result<Account>.Fail(created.Errors);
        var user = created.Value;
        if (await zoom.GetUserAsync(user.Id, ct) is { IsSuccess: true } full) user = full.Value;

        var now = time.GetUtcNow();
        var account = new Account
        {
            Email = invitation.Email,
            FirstName = r.FirstName.Trim(),
            LastName = r.LastName.Trim(),
            LicenseType = invitation.LicenseType,
            PortalId = invitation.PortalId,
            CreatedAt = now,
        };
        AccountSync.Apply(account, user, now);
        if (account.Status == AccountStatus.Pending) account.ActivationSentAt = now;
        invitation.UsedAt = now;
        db.Accounts.Add(account);
        audit.Record(new Actor(invitation.Email), "account.signed-up", $"account:{invitation.Email}", after: AccountSnapshot.Of(account), portalId: account.PortalId);
        await db.SaveChangesAsync(ct);
        return account;
    }

    private async Task<Result<Invitation>> Open(string token, CancellationToken ct)
    {
        var hash = Hash(token ?? "");
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null) return Error.NotFound("invitation.not-found", "El enlace de registro no es válido.");
        if (invitation.UsedAt is not null) return Error.Conflict("invitation.used", "Este enlace de registro ya se usó o fue reemplazado por uno nuevo.");
        if (invitation.ExpiresAt <= time.GetUtcNow()) return Error.Conflict("invitation.expired", "Este enlace de registro venció. Pedí una nueva invitación.");
        return invitation;
    }

    internal static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
