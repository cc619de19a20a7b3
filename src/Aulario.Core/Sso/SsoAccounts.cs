using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aulario.Core.Sso;

/// <summary>A person as the identity provider describes them, cleaned to what Zoom accepts (names ≤ 64, no markup).</summary>
public sealed record SsoPerson(string Email, string FirstName, string LastName)
{
    /// <summary>Given and family names, else the full name split at its last space, else the email's local part.</summary>
    public static SsoPerson From(string email, string? givenName, string? familyName, string? fullName)
    {
        var first = Clean(givenName);
        var last = Clean(familyName);
        if (first.Length == 0 && last.Length == 0 && Clean(fullName) is { Length: > 0 } full)
        {
            var space = full.LastIndexOf(' ');
            (first, last) = space > 0 ? (full[..space].Trim(), full[(space + 1)..].Trim()) : (full, "");
        }
        var local = Clean(email.Split('@')[0]);
        if (first.Length == 0) first = local;
        if (last.Length == 0) last = first;
        return new SsoPerson(AccountRules.NormalizeEmail(email), Cut(first), Cut(last));
    }

    private static string Clean(string? s) =>
        new string((s ?? "").Where(c => c is not ('<' or '>' or '"') && !char.IsControl(c)).ToArray()).Trim();

    private static string Cut(string s) => s.Length <= AccountRules.NameMaxLength ? s : s[..AccountRules.NameMaxLength].TrimEnd();
}

/// <summary>The conferencing account of a person signing in by SSO.</summary>
/// <param name="Linked">An account with the person's email already existed in Aulario.</param>
public sealed record SsoAccount(Account? Account, bool Linked);

/// <summary>
/// The account side of an SSO sign-in: the first sign-in links the Aulario account with the person's email or creates it
/// through <see cref="CreateAccount"/> with the configured Zoom mode (ssoCreate, create, or none); later sign-ins refresh
/// the names in Aulario and Zoom through <see cref="AccountCommands.EditAsync"/> when the provider reports new ones.
/// </summary>
public sealed class SsoAccounts(IAularioDb db, CreateAccount create, AccountCommands commands, IOptions<SsoOptions> options)
{
    public async Task<Result<SsoAccount>> LinkOrCreateAsync(SsoPerson person, Actor actor, CancellationToken ct = default)
    {
        var existing = await db.Accounts.FirstOrDefaultAsync(a => a.Email == person.Email, ct);
        if (existing is not null) return new SsoAccount(existing, Linked: true);
        var mode = options.Value.ZoomProvisioning switch
        {
            SsoZoomProvisioning.SsoCreate => CreateMode.SsoCreate,
            SsoZoomProvisioning.Create => CreateMode.Create,
            _ => (CreateMode?)null,
        };
        if (mode is null) return new SsoAccount(null, Linked: false);
        var created = await create.HandleAsync(
            new CreateAccountRequest(person.Email, person.FirstName, person.LastName, options.Value.LicenseType, Mode: mode),
            actor, AdminScope.Institution, ct);
        if (!created.IsSuccess) return Result<SsoAccount>.Fail(created.Errors);
        return new SsoAccount(created.Value.Account, Linked: false);
    }

    /// <summary>Pushes new names to Zoom and Aulario (audited as an edit). Nothing happens when they did not change or the
    /// account is finalized (a finalized account is not edited; reactivating it is an admin's decision).</summary>
    public async Task<Result<bool>> RefreshNamesAsync(Guid accountId, SsoPerson person, Actor actor, CancellationToken ct = default)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || account.Status == AccountStatus.Finalized) return false;
        if (account.FirstName == person.FirstName && account.LastName == person.LastName) return false;
        var edited = await commands.EditAsync(accountId, new EditAccountRequest(person.FirstName, person.LastName, account.LicenseType,
            account.Timezone, account.Department, account.IsClassroom), actor, AdminScope.Institution, ct);
        return edited.IsSuccess ? true : Result<bool>.Fail(edited.Errors);
    }
}
