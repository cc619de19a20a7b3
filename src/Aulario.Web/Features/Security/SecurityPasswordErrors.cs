using Aulario.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Aulario.Web.Features.Security;

/// <summary>The messages of Aulario's extra password rules in the UI's language.</summary>
public sealed class SecurityPasswordErrors(IStringLocalizer<SecurityResource> t) : IAularioPasswordErrors
{
    public IdentityError PasswordHasPersonalData() =>
        new() { Code = AularioPasswordValidator.PersonalDataCode, Description = t["Password.HasPersonalData"] };

    public IdentityError PasswordTooCommon() =>
        new() { Code = AularioPasswordValidator.TooCommonCode, Description = t["Password.TooCommon"] };
}
