using System.Text.Json;
using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Core.Scim;

/// <summary>Section "Scim": how SCIM-provisioned accounts are created.</summary>
public sealed class ScimOptions
{
    public const string Section = "Scim";

    /// <summary>License of the accounts the identity provider creates (Basic or Licensed).</summary>
    public LicenseType LicenseType { get; set; } = LicenseType.Licensed;
}

public sealed record ScimPage(IReadOnlyList<Account> Accounts, int TotalResults, int StartIndex);

/// <summary>
/// SCIM 2.0 Users (RFC 7644) over Aulario's accounts. A User is a person's account: classroom (room) accounts are Aulario's alone
/// and never shown to the identity provider, and accounts the provider deleted are no longer shown either.
/// Every change goes through the same use cases as the admin UI (<see cref="CreateAccount"/>, <see cref="AccountCommands"/>),
/// so active=false finalizes exactly as "Finalizar" does (Zoom deactivation, PMI passcode rotated, audit) and active=true reactivates.
/// DELETE finalizes and hides the resource; Aulario never deletes a Zoom user because of SCIM.
/// userName is the account's email and never changes (a different one is refused as mutability).
/// </summary>
public sealed class ScimUsers(
    IAularioDb db, CreateAccount create, AccountCommands commands, IAuditLog audit, IOptions<ScimOptions> options, TimeProvider time)
{
    public const int MaxResults = 200;

    public async Task<Result<ScimPage>> ListAsync(string? filter, int startIndex, int count, CancellationToken ct = default)
    {
        var query = Visible();
        if (filter is not null)
        {
            var parsed = ScimFilter.Parse(filter);
            if (!parsed.IsSuccess) return Result<ScimPage>.Fail(parsed.Errors);
            foreach (var clause in parsed.Value)
            {
                var value = clause.Value;
                switch (clause.Attribute)
                {
                    case ScimFilterAttribute.UserName or ScimFilterAttribute.Email:
                        var email = AccountRules.NormalizeEmail(value);
                        query = query.Where(a => a.Email == email);
                        break;
                    case ScimFilterAttribute.ExternalId:
                        query = query.Where(a => a.ExternalId == value);
                        break;
                    case ScimFilterAttribute.Id:
                        var id = Guid.TryParse(value, out var g) ? g : Guid.Empty;
                        query = query.Where(a => a.Id == id);
                        break;
                }
            }
        }
        // RFC 7644 §3.4.2.4: startIndex below 1 is 1, a negative count is 0; the page is capped at MaxResults.
        startIndex = Math.Max(1, startIndex);
        count = Math.Clamp(count, 0, MaxResults);
        var total = await query.CountAsync(ct);
        var items = count == 0 ? [] : await query.OrderBy(a => a.Email).Skip(startIndex - 1).Take(count).AsNoTracking().ToListAsync(ct);
        return new ScimPage(items, total, startIndex);
    }

    public async Task<Result<Account>> GetAsync(string id, CancellationToken ct = default) =>
        await Find(id, ct) is { } account ? account : NotFound(id);

    public async Task<Result<Account>> CreateAsync(JsonElement body, Actor actor, CancellationToken ct = default)
    {
        var parsed = ScimUserDraft.Parse(body);
        if (!parsed.IsSuccess) return Result<Account>.Fail(parsed.Errors);
        var draft = parsed.Value;
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(draft.UserName))
            errors.Add(Error.Validation(ScimErrorCodes.InvalidValue, "Falta «userName»: el correo electrónico de la persona.", "userName"));
        else if (AccountRules.ValidateEmail(draft.UserName, "userName") is { } e)
            errors.Add(Error.Validation(ScimErrorCodes.InvalidValue, $"«userName» debe ser el correo electrónico de la persona: {e.Message}", "userName"));
        CheckProfile(draft, errors);
        if (errors.Count > 0) return Result<Account>.Fail(errors);

        var created = await create.HandleAsync(new CreateAccountRequest(draft.UserName!, draft.GivenName ?? "", draft.FamilyName ?? "",
            options.Value.LicenseType, ExternalId: NullIfEmpty(draft.ExternalId), SignsInWithSso: true), actor, AdminScope.Institution, ct);
        if (!created.IsSuccess) return Result<Account>.Fail(created.Errors);
        var account = created.Value.Account;
        if ((draft.DepartmentSent && NullIfEmpty(draft.Department) is not null) || (draft.TimezoneSent && NullIfEmpty(draft.Timezone) is not null)
            || draft.Active == false)
        {
            var applied = await ApplyAsync(account, draft, actor, ct);
            if (!applied.IsSuccess) return applied;
        }
        return account;
    }

    /// <summary>PUT: the attributes sent replace the account's; attributes not sent keep their value (Aulario never blanks a name).</summary>
    public async Task<Result<Account>> ReplaceAsync(string id, JsonElement body, Actor actor, CancellationToken ct = default)
    {
        if (await Find(id, ct, tracked: true) is not { } account) return NotFound(id);
        var parsed = ScimUserDraft.Parse(body);
        if (!parsed.IsSuccess) return Result<Account>.Fail(parsed.Errors);
        var sent = parsed.Value;
        var draft = ScimUserDraft.From(account);
        draft.UserName = sent.UserName ?? draft.UserName;
        draft.GivenName = sent.GivenName ?? draft.GivenName;
        draft.FamilyName = sent.FamilyName ?? draft.FamilyName;
        if (sent.ExternalIdSent) draft.ExternalId = sent.ExternalId;
        if (sent.DepartmentSent) draft.Department = sent.Department;
        if (sent.TimezoneSent) draft.Timezone = sent.Timezone;
        draft.Active = sent.Active ?? draft.Active;
        return await ApplyAsync(account, draft, actor, ct);
    }

    public async Task<Result<Account>> PatchAsync(string id, JsonElement body, Actor actor, CancellationToken ct = default)
    {
        if (await Find(id, ct, tracked: true) is not { } account) return NotFound(id);
        var patched = ScimUserDraft.From(account).Patch(body);
        if (!patched.IsSuccess) return Result<Account>.Fail(patched.Errors);
        return await ApplyAsync(account, patched.Value, actor, ct);
    }

    /// <summary>DELETE: finalizes the account exactly as the UI does, then hides it from SCIM (later calls answer 404).
    /// The Zoom user is deactivated, never deleted, and the account stays in Aulario with its audit trail.</summary>
    public async Task<Result<Done>> DeleteAsync(string id, Actor actor, CancellationToken ct = default)
    {
        if (await Find(id, ct, tracked: true) is not { } account) return NotFound(id);
        var finalized = await commands.FinalizeAsync(account.Id, actor, AdminScope.Institution, ct);
        if (!finalized.IsSuccess) return Result<Done>.Fail(finalized.Errors);
        account.ScimRemovedAt = time.GetUtcNow();
        audit.Record(actor, "account.scim-deleted", $"account:{account.Email}", after: new { account.ExternalId, account.ScimRemovedAt },
            portalId: account.PortalId);
        await db.SaveChangesAsync(ct);
        return new Done();
    }

    /// <summary>Brings the account to the draft's state: reactivate first (a finalized account cannot be edited), then the profile
    /// through the UI's edit, then externalId, and finalize last (a deactivated Zoom user's settings can no longer change).</summary>
    private async Task<Result<Account>> ApplyAsync(Account account, ScimUserDraft draft, Actor actor, CancellationToken ct)
    {
        var errors = new List<Error>();
        if (draft.UserName is null || !string.Equals(AccountRules.NormalizeEmail(draft.UserName), account.Email, StringComparison.Ordinal))
            errors.Add(Error.Validation(ScimErrorCodes.Mutability,
                $"«userName» no se puede cambiar: es el correo {account.Email}, la identidad de la cuenta en Zoom y en Aulario. " +
                "Cree otra cuenta para el correo nuevo y desactive esta.", "userName"));
        CheckProfile(draft, errors);
        if (errors.Count > 0) return Result<Account>.Fail(errors);

        if (draft.Active == true && account.Status == AccountStatus.Finalized)
        {
            var reactivated = await commands.ReactivateAsync(account.Id, actor, AdminScope.Institution, ct);
            if (!reactivated.IsSuccess) return reactivated;
        }

        var first = draft.GivenName!.Trim();
        var last = draft.FamilyName!.Trim();
        var department = NullIfEmpty(draft.Department?.Trim());
        var timezone = NullIfEmpty(draft.Timezone?.Trim());
        var profileChanged = first != account.FirstName || last != account.LastName || department != account.Department || timezone != account.Timezone;
        if (profileChanged)
        {
            if (account.Status == AccountStatus.Finalized)
                return Error.Validation(ScimErrorCodes.Mutability,
                    "La cuenta está desactivada (finalizada): envíe active=true para reactivarla antes de cambiar sus datos.", "active");
            var edited = await commands.EditAsync(account.Id, new EditAccountRequest(first, last, account.LicenseType, timezone, department,
                account.IsClassroom), actor, AdminScope.Institution, ct);
            if (!edited.IsSuccess) return edited;
        }

        var externalId = NullIfEmpty(draft.ExternalId);
        if (externalId != account.ExternalId)
        {
            var before = new { account.ExternalId };
            account.ExternalId = externalId;
            audit.Record(actor, "account.external-id-changed", $"account:{account.Email}", before, new { account.ExternalId }, account.PortalId);
            await db.SaveChangesAsync(ct);
        }

        if (draft.Active == false && account.Status != AccountStatus.Finalized)
        {
            var finalized = await commands.FinalizeAsync(account.Id, actor, AdminScope.Institution, ct);
            if (!finalized.IsSuccess) return finalized;
        }
        return account;
    }

    private static void CheckProfile(ScimUserDraft draft, List<Error> errors)
    {
        if (AccountRules.ValidateName(draft.GivenName, "firstName", required: true) is { } f)
            errors.Add(Error.Validation(ScimErrorCodes.InvalidValue, $"name.givenName: {f.Message}", "name.givenName"));
        if (AccountRules.ValidateName(draft.FamilyName, "lastName", required: true) is { } l)
            errors.Add(Error.Validation(ScimErrorCodes.InvalidValue, $"name.familyName: {l.Message}", "name.familyName"));
        if (draft.ExternalId is { Length: > AccountRules.ExternalIdMaxLength })
            errors.Add(Error.Validation(ScimErrorCodes.InvalidValue, $"«externalId» admite hasta {AccountRules.ExternalIdMaxLength} caracteres.", "externalId"));
        if (AccountRules.ValidateDepartment(NullIfEmpty(draft.Department?.Trim())) is { } d)
            errors.Add(Error.Validation(ScimErrorCodes.InvalidValue, d.Message, "department"));
        if (AccountRules.ValidateTimezone(NullIfEmpty(draft.Timezone?.Trim())) is { } tz)
            errors.Add(Error.Validation(ScimErrorCodes.InvalidValue, tz.Message, "timezone"));
    }

    private IQueryable<Account> Visible() => db.Accounts.Where(a => !a.IsClassroom && a.ScimRemovedAt == null);

    private async Task<Account?> Find(string id, CancellationToken ct, bool tracked = false)
    {
        if (!Guid.TryParse(id, out var guid)) return null;
        var query = Visible().Where(a => a.Id == guid);
        return await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    private static Error NotFound(string id) =>
        Error.NotFound(ScimErrorCodes.NotFound, $"No hay un usuario con id «{(id.Length > 60 ? id[..57] + "..." : id)}».");

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
