using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Core.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Core.Accounts;

public sealed record SentPasswordResetLink(Guid AccountId, string Email, DateTimeOffset ExpiresAt);

public sealed record PasswordResetLinkView(string Email);

public sealed record CompletePasswordResetRequest(string Token, string Password, string ConfirmPassword);

/// <summary>
/// "Enviar enlace para restablecer la contraseña": Aulario emails the account a single-use link valid 24 hours (only its
/// SHA-256 is stored; a new link supersedes older ones). The person opens it and chooses a new password, which Aulario
/// checks against Zoom's rules, pushes to Zoom and does NOT keep: the stored generated password is cleared (no longer valid).
/// Only active accounts: a pending one has no Zoom password yet (Zoom's activation email sets it) and a finalized one
/// cannot sign in until reactivated.
/// </summary>
public sealed class PasswordResetLinks(
    IAularioDb db, IConferencingProvider zoom, IAuditLog audit, IOptions<ProvisioningOptions> options, TimeProvider time)
{
    /// <param name="resetUrl">Builds the absolute reset URL for a token (the web host knows its public address).</param>
    public async Task<Result<SentPasswordResetLink>> SendAsync(Guid accountId, Actor actor, AdminScope scope, Func<string, string> resetUrl,
        string culture, CancellationToken ct = default)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || !scope.Allows(account.PortalId))
            return Error.NotFound("account.not-found", "La cuenta no existe o no está a tu alcance.");
        if (NotActive(account) is { } refused) return refused;

        var now = time.GetUtcNow();
        // A new link supersedes every open one of the account.
        var open = await db.PasswordResetLinks.Where(l => l.AccountId == account.Id && l.UsedAt == null).ToListAsync(ct);
        foreach (var old in open) old.UsedAt = now;

        var token = Secrets.SecretGenerator.Token();
        var link = new PasswordResetLink
        {
            AccountId = account.Id,
            Email = account.Email,
            TokenHash = Invitations.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + options.Value.PasswordResetLinkLifetime,
            CreatedBy = actor.Name,
        };
        db.PasswordResetLinks.Add(link);
        db.OutboxMails.Add(MailTemplates.PasswordResetLink(account.Email, NameOf(account), resetUrl(token), link.ExpiresAt, culture, now));
        audit.Record(actor, "account.password-reset-link-sent", $"account:{account.Email}",
            after: new { email = account.Email, link.ExpiresAt, superseded = open.Count }, portalId: account.PortalId);
        await db.SaveChangesAsync(ct);
        return new SentPasswordResetLink(account.Id, account.Email, link.ExpiresAt);
    }

    public async Task<Result<PasswordResetLinkView>> ViewAsync(string token, CancellationToken ct = default)
    {
        var found = await Open(token, ct);
        return found.IsSuccess ? new PasswordResetLinkView(found.Value.Account.Email) : Result<PasswordResetLinkView>.Fail(found.Errors);
    }

    /// <summary>Sets the chosen password in Zoom and uses the link up. Any refusal changes nothing (the link stays usable).</summary>
    public async Task<Result<PasswordResetLinkView>> CompleteAsync(CompletePasswordResetRequest r, CancellationToken ct = default)
    {
        var found = await Open(r.Token, ct);
        if (!found.IsSuccess) return Result<PasswordResetLinkView>.Fail(found.Errors);
        var (link, account) = found.Value;
        if (!string.Equals(r.Password, r.ConfirmPassword, StringComparison.Ordinal))
            return Error.Validation("account.password-mismatch", "Las contraseñas no coinciden.", "confirmPassword");
        if (AccountRules.ValidatePassword(r.Password) is { } weak) return weak;

        var pushed = await zoom.SetPasswordAsync(account.ZoomUserId!, r.Password, ct);
        if (!pushed.IsSuccess) return Result<PasswordResetLinkView>.Fail(pushed.Errors);

        var now = time.GetUtcNow();
        link.UsedAt = now;
        // The person's password lives in Zoom only; a generated one Aulario kept is no longer valid.
        var hadStored = account.PasswordProtected is not null;
        account.PasswordProtected = null;
        audit.Record(new Actor(account.Email), "account.password-reset-link-used", $"account:{account.Email}",
            after: new { email = account.Email, storedPasswordCleared = hadStored }, portalId: account.PortalId);
        await db.SaveChangesAsync(ct);
        return new PasswordResetLinkView(account.Email);
    }

    private async Task<Result<(PasswordResetLink Link, Account Account)>> Open(string? token, CancellationToken ct)
    {
        var hash = Invitations.Hash(token ?? "");
        var link = await db.PasswordResetLinks.FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null) return Error.NotFound("password-link.not-found", "El enlace para restablecer la contraseña no es válido.");
        if (link.UsedAt is not null)
            return Error.Conflict("password-link.used", "Este enlace ya se usó o fue reemplazado por uno más nuevo. Pedí otro a quien administra Aulario.");
        if (link.ExpiresAt <= time.GetUtcNow())
            return Error.Conflict("password-link.expired", "Este enlace venció (vale 24 horas). Pedí otro a quien administra Aulario.");
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == link.AccountId, ct);
        if (account is null) return Error.NotFound("password-link.not-found", "El enlace para restablecer la contraseña no es válido.");
        if (NotActive(account) is { } refused) return refused;
        return (link, account);
    }

    private static Error? NotActive(Account account) => account.Status switch
    {
        AccountStatus.Active when account.ZoomUserId is not null => null,
        AccountStatus.Finalized => Error.Conflict("account.finalized",
            "La cuenta está finalizada: no puede ingresar a Zoom. Reactivala antes de restablecer la contraseña."),
        _ => Error.Conflict("account.not-active",
            "La cuenta está pendiente: la persona elige su contraseña al aceptar el correo de activación de Zoom (podés reenviarlo)."),
    };

    private static string? NameOf(Account a) => string.IsNullOrWhiteSpace(a.FirstName) ? null : a.FirstName;
}
