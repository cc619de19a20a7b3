using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Setup;

public sealed record FirstAdminInput(string Email, string DisplayName, string Password);

/// <summary>
/// Creates the first institution admin (UserManager.CreateAsync + AddToRoleAsync) and audits it, only while there is no user.
/// The CLI's `aulario admin create` does the same with UserManager directly.
/// </summary>
public sealed class CreateFirstAdmin(UserManager<AppUser> users, RoleManager<IdentityRole> roles, AularioDbContext db, IAuditLog audit,
    IStringLocalizer<SharedResource> t)
{
    public async Task<Result<AppUser>> ExecuteAsync(FirstAdminInput input, CancellationToken ct)
    {
        if (await users.Users.AnyAsync(ct))
            return Error.Conflict("setup.done", t["Setup.AlreadyDone"]);
        if (!await roles.RoleExistsAsync(AularioRoles.InstitutionAdmin))
        {
            var role = await roles.CreateAsync(new IdentityRole(AularioRoles.InstitutionAdmin));
            if (!role.Succeeded) return Result<AppUser>.Fail(ToErrors(role));
        }
        var email = input.Email.Trim();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName.Trim() };
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded) return Result<AppUser>.Fail(ToErrors(created));
        var added = await users.AddToRoleAsync(user, AularioRoles.InstitutionAdmin);
        if (!added.Succeeded) return Result<AppUser>.Fail(ToErrors(added));
        audit.Record(new Actor("setup"), "admin.created", $"user:{email}", after: new { Email = email, user.DisplayName, Role = AularioRoles.InstitutionAdmin });
        await db.SaveChangesAsync(ct);
        return user;
    }

    private static List<Error> ToErrors(IdentityResult result) =>
        result.Errors.Select(e => Error.Validation("identity." + e.Code, e.Description, FieldOf(e.Code))).ToList();

    private static string? FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? nameof(FirstAdminInput.Password)
        : code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) ? nameof(FirstAdminInput.Email)
        : null;
}
