using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Zoom.Tests.Infrastructure;

namespace Aulario.Zoom.Tests;

public sealed class ErrorMappingTests
{
    private static NewProviderUser Invite(string email) => new(email, "Laura", "Pérez", LicenseType.Licensed, CreateMode.Create);

    [Fact]
    public async Task CreateUser_EmailAlreadyUsed_1005_IsEmailTakenConflictOnEmail()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var email = "repetido@" + ZoomTestHost.ManagedDomain;
        host.AddUser(email);

        var result = await host.Provider.CreateUserAsync(Invite(email));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal(ProviderErrorCodes.EmailTaken, error.Code);
        Assert.Equal("email", error.Field);
        Assert.Contains(email, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_EmailActiveInAnotherAccount_1009_IsEmailActiveElsewhere()
    {
        var email = "externo@otra-universidad.edu.ar";
        await using var host = await ZoomTestHost.StartAsync(sandbox: s => s.ForeignEmails = [email]);

        var result = await host.Provider.CreateUserAsync(Invite(email));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ProviderErrorCodes.EmailActiveElsewhere, error.Code);
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("email", error.Field);
    }

    [Fact]
    public async Task GetUser_Unknown_1001_IsUserNotFound()
    {
        await using var host = await ZoomTestHost.StartAsync();

        var result = await host.Provider.GetUserAsync("nadie@" + ZoomTestHost.ManagedDomain);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(ProviderErrorCodes.UserNotFound, error.Code);
    }

    [Fact]
    public async Task CreateUser_InvalidEmail_ZoomAnswers300_CallerGetsValidationErrorOnEmailField()
    {
        await using var host = await ZoomTestHost.StartAsync();

        var result = await host.Provider.CreateUserAsync(Invite("esto no es un correo"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal(ProviderErrorCodes.InvalidField, error.Code);
        Assert.Equal("email", error.Field);
        Assert.Contains("correo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCall_300_CarriesFieldErrorsStatusAndTrackingId()
    {
        await using var host = await ZoomTestHost.StartAsync();

        var ex = await Assert.ThrowsAsync<ZoomApiException>(() => host.Client.Users.CreateAsync(new Users.ZoomCreateUserRequest(
            Users.ZoomCreateAction.Create, new Users.ZoomNewUserInfo { Email = "mal", Type = Users.ZoomUserType.Basic })));

        Assert.Equal(300, ex.Error.Code);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, ex.Error.Status);
        Assert.Contains(ex.Error.FieldErrors, f => f.Field == "user_info.email");
        Assert.False(string.IsNullOrEmpty(ex.Error.TrackingId));
    }

    [Theory]
    [InlineData("corta1A")]      // 1124: fewer than 8 characters
    [InlineData("sololetras")]   // 1126: no number
    [InlineData("minusculas12")] // 1128: no upper case
    public async Task CreateUser_AutoCreateWithWeakPassword_PasswordCodes_ArePasswordRejected(string password)
    {
        await using var host = await ZoomTestHost.StartAsync();

        var result = await host.Provider.CreateUserAsync(new NewProviderUser(
            "aula-clave@" + ZoomTestHost.ManagedDomain, "Aula", "Clave", LicenseType.Licensed, CreateMode.AutoCreate, password));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ProviderErrorCodes.PasswordRejected, error.Code);
        Assert.Equal("password", error.Field);
        Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetPassword_PolicyViolation_IsPasswordRejected()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var user = host.AddUser("docente@" + ZoomTestHost.ManagedDomain);

        var result = await host.Provider.SetPasswordAsync(user.Id, "abcdefgh");

        Assert.Equal(ProviderErrorCodes.PasswordRejected, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task AutoCreate_DomainNotManagedInZoom_1116_IsDomainNotManaged()
    {
        await using var host = await ZoomTestHost.StartAsync(o => o.ManagedDomains = []);

        var result = await host.Provider.CreateUserAsync(new NewProviderUser(
            "aula@gmail.com", "Aula", "Externa", LicenseType.Licensed, CreateMode.AutoCreate, "Aulario2026xQ"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ProviderErrorCodes.DomainNotManaged, error.Code);
        Assert.Equal("email", error.Field);
        Assert.Single(host.Recorder.Requests);
    }

    [Fact]
    public async Task SetPmiPasscode_TooLong_IsPasscodeRejected()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var user = host.AddUser("aula7@" + ZoomTestHost.ManagedDomain);

        var result = await host.Provider.SetPmiPasscodeAsync(user.Id, "demasiadolarga123");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ProviderErrorCodes.PasscodeRejected, error.Code);
        Assert.Equal("passcode", error.Field);
    }

    [Fact]
    public async Task AddAssistant_HostWithoutLicense_200_IsNotAllowed()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var basic = host.AddUser("basico@" + ZoomTestHost.ManagedDomain, type: 1);
        host.AddUser("delegado@" + ZoomTestHost.ManagedDomain);

        var result = await host.Provider.AddAssistantsAsync(basic.Id, ["delegado@" + ZoomTestHost.ManagedDomain]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ProviderErrorCodes.NotAllowed, error.Code);
        Assert.Equal(ErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task Settings_OfPendingUser_1000_IsNotAllowed()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var pending = host.AddUser("invitado@" + ZoomTestHost.ManagedDomain, status: "pending");

        var result = await host.Provider.GetPasscodeSettingsAsync(pending.Id);

        Assert.Equal(ProviderErrorCodes.NotAllowed, Assert.Single(result.Errors).Code);
    }
}
