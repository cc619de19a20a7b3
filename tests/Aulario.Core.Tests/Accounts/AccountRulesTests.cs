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
}
