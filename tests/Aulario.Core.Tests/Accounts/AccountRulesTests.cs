using Aulario.Core.Accounts;

namespace Aulario.Core.Tests.Accounts;

public class AccountRulesTests
{
    [Theory]
    [InlineData("aula528@insusep.edu.ar")]
    [InlineData("Maria.Perez+zoom@inst.edu.ar")]
    public void ValidateEmail_AcceptsRealAddresses(string email) => Assert.Null(AccountRules.ValidateEmail(email));

    [Theory]
    [InlineData("", "account.email-required")]
    [InlineData("   ", "account.email-required")]
    [InlineData("no-arroba", "account.email-invalid")]
    [InlineData("dos@@inst.edu.ar", "account.email-invalid")]
    [InlineData("a@b", "account.email-invalid")]
    [InlineData("con espacio@inst.edu.ar", "account.email-invalid")]
    [InlineData("Nombre <x@inst.edu.ar>", "account.email-invalid")]
    public void ValidateEmail_RejectsWithACode(string email, string code)
    {
        var error = AccountRules.ValidateEmail(email);
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Equal("email", error.Field);
    }

    [Fact]
    public void ValidateEmail_RejectsLongerThanZoomAllows()
    {
        var email = new string('a', 120) + "@inst.edu.ar";
        Assert.Equal("account.email-too-long", AccountRules.ValidateEmail(email)?.Code);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Ana\u0000")]
    [InlineData("\"Ana\"")]
    public void ValidateName_RejectsMarkupAndControlCharacters(string name) =>
        Assert.Equal("account.name-invalid", AccountRules.ValidateName(name, "firstName", true)?.Code);

    [Fact]
    public void ValidateName_AcceptsSpanishNamesAndRejectsTooLong()
    {
        Assert.Null(AccountRules.ValidateName("María José Ñandú-O'Connor", "firstName", true));
        Assert.Equal("account.name-too-long", AccountRules.ValidateName(new string('x', 65), "lastName", true)?.Code);
        Assert.Equal("account.name-required", AccountRules.ValidateName(" ", "lastName", true)?.Code);
        Assert.Null(AccountRules.ValidateName(null, "lastName", false));
    }

    [Fact]
    public void ProvisioningOptions_ManagedDomainMatchIgnoresCaseAndAt()
    {
        var options = new ProvisioningOptions { ManagedDomains = ["@Insusep.edu.ar"] };
        Assert.True(options.IsManaged("Aula528@INSUSEP.edu.ar"));
        Assert.False(options.IsManaged("aula528@otra.edu.ar"));
        Assert.False(options.IsManaged("x@sub.insusep.edu.ar"));
    }

    [Fact]
    public void ValidateTimezone_KnowsIanaNames()
    {
        Assert.Null(AccountRules.ValidateTimezone("America/Argentina/Buenos_Aires"));
        Assert.Equal("account.timezone-invalid", AccountRules.ValidateTimezone("Marte/Olympus")?.Code);
    }

    [Theory]
    [InlineData("Clave2026x")]
    [InlineData("mi Clave de 2026")]
    [InlineData("Ñandú-Aulario-7")]
    [InlineData("Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1A")] // 31 characters
    public void ValidatePassword_AcceptsWhatZoomAccepts(string password) => Assert.Null(AccountRules.ValidatePassword(password[..Math.Min(31, password.Length)]));

    [Theory]
    [InlineData("", "account.password-required")]
    [InlineData("Ab1cdfg", "account.password-length")]                       // 7
    [InlineData("Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab", "account.password-length")] // 32
    [InlineData("12345679", "account.password-letter")]
    [InlineData("Clavesinnumero", "account.password-number")]
    [InlineData("clave2026x", "account.password-case")]
    [InlineData("CLAVE2026X", "account.password-case")]
    [InlineData("Xabcdef9", "account.password-sequence")]
    [InlineData("Zx1234567", "account.password-sequence")]
    [InlineData("Zaaaaaa1", "account.password-sequence")]
    [InlineData("Password1", "account.password-common")]
    [InlineData("Passw0rd", "account.password-common")]
    [InlineData("Clave\u00012026x", "account.password-invalid")]
    public void ValidatePassword_RejectsWithZoomsRuleAndACode(string password, string code)
    {
        var error = AccountRules.ValidatePassword(System.Text.RegularExpressions.Regex.Unescape(password));
        Assert.NotNull(error);
        Assert.Equal((code, "password"), (error.Code, error.Field));
    }

    [Fact]
    public void ValidatePassword_AcceptsEveryGeneratedPassword()
    {
        for (var i = 0; i < 200; i++) Assert.Null(AccountRules.ValidatePassword(Aulario.Core.Secrets.SecretGenerator.Password()));
    }
}
