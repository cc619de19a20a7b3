using Aulario.Core.Accounts;
using Aulario.Core.Common;

namespace Aulario.Web.Features.Accounts;

/// <summary>An account as the API shows it. Status: active|pending|finalized; license: basic|licensed. Never a password.</summary>
public sealed record AccountResponse(
    Guid Id, string Email, string FirstName, string LastName, string Status, string LicenseType, bool IsClassroom,
    string? Timezone, string? Department, Guid? PortalId, string? ZoomUserId, long? Pmi, string? PersonalMeetingUrl,
    DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, DateTimeOffset? ActivationSentAt, DateTimeOffset? FinalizedAt,
    DateTimeOffset? SyncedAt, bool HasStoredPassword)
{
    public static AccountResponse From(Account a) => new(
        a.Id, a.Email, a.FirstName, a.LastName, StatusKey(a.Status), LicenseKey(a.LicenseType), a.IsClassroom, a.Timezone, a.Department,
        a.PortalId, a.ZoomUserId, a.Pmi, a.PersonalMeetingUrl, a.CreatedAt, a.LastSignInAt, a.ActivationSentAt, a.FinalizedAt,
        a.SyncedAt, a.PasswordProtected is not null);

    public static string StatusKey(AccountStatus s) => s switch
    {
        AccountStatus.Active => "active",
        AccountStatus.Pending => "pending",
        AccountStatus.Finalized => "finalized",
    };

    public static string LicenseKey(LicenseType l) => l == Core.Accounts.LicenseType.Basic ? "basic" : "licensed";
}

public sealed record AccountCountsResponse(int Active, int Pending, int Finalized, int All);

public sealed record AccountListResponse(IReadOnlyList<AccountResponse> Items, int Page, int PageSize, int TotalCount, int PageCount, AccountCountsResponse Counts);

/// <summary>The created account; <c>GeneratedPassword</c> is present only once, right after autoCreate.</summary>
public sealed record CreatedAccountResponse(AccountResponse Account, string? GeneratedPassword, bool Adopted);

public sealed record CreateAccountBody(string? Email, string? FirstName, string? LastName, string? LicenseType, bool IsClassroom = false, Guid? PortalId = null);

public sealed record InviteBody(string? Email, string? FirstName, string? LastName, string? LicenseType, Guid? PortalId = null);

public sealed record InvitationResponse(Guid Id, string Email, DateTimeOffset ExpiresAt);

public sealed record BatchBody(string? Text, string? LicenseType, bool IsClassroom = false, Guid? PortalId = null);

public sealed record BatchRowResponse(int Line, string Email, string Outcome, string Message, string? GeneratedPassword);

public sealed record BatchResponse(IReadOnlyList<BatchRowResponse> Rows, int Created, int Failed);

/// <summary>PATCH: only the fields present change. Email is the identity: sending a different one is refused.</summary>
public sealed record PatchAccountBody(string? Email, string? FirstName, string? LastName, string? LicenseType, string? Timezone, string? Department, bool? IsClassroom);

public sealed record PasswordResponse(string Password);

/// <summary>An emailed password-reset link (the token itself only travels in the mail).</summary>
public sealed record PasswordResetLinkResponse(Guid AccountId, string Email, DateTimeOffset ExpiresAt);

public sealed record ActivationEmailsBody(List<Guid>? Ids);

public sealed record ActivationEmailResult(Guid Id, bool Sent, string? Error);

public static class LicenseInput
{
    /// <summary>basic|licensed (also Básica / Con licencia); null or empty means the default (licensed).</summary>
    public static Result<LicenseType> Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "licensed" or "con licencia" or "2" => LicenseType.Licensed,
        "basic" or "básica" or "basica" or "1" => LicenseType.Basic,
        _ => Error.Validation("account.license-invalid", "El tipo de licencia debe ser basic (Básica) o licensed (Con licencia).", "licenseType"),
    };
}
