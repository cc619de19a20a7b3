using Aulario.Core.Secrets;

namespace Aulario.Browser.Tests.Sso;

/// <summary>One app (demo mode, SSO on, ssoCreate in the Zoom sandbox) and one real OIDC provider per test class.
/// Each test signs in with its own logins, so no test depends on another's data.</summary>
public sealed class SsoWorld : IAsyncLifetime
{
    public const string ClientId = "aulario-browser-tests";
    public const string ProviderName = "Cuenta Institucional";
    public const string AdminGroup = "aulario-admins";

    public LiveApp App { get; private set; } = null!;
    public OidcProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = OidcProvider.FreePort();
        var secret = SecretGenerator.Token();
        App = new LiveApp(new Dictionary<string, string?>
        {
            ["Sso:Authority"] = $"http://127.0.0.1:{port}",
            ["Sso:ClientId"] = ClientId,
            ["Sso:ClientSecret"] = secret,
            ["Sso:RequireHttpsMetadata"] = "false",
            ["Sso:DisplayName"] = ProviderName,
            ["Sso:Scopes:0"] = "profile",
            ["Sso:Scopes:1"] = "email",
            ["Sso:Scopes:2"] = "groups",
            ["Sso:AllowedEmailDomains:0"] = "inst.edu.ar",
            ["Sso:RoleClaim"] = "groups",
            ["Sso:RoleMappings:0:Value"] = AdminGroup,
            ["Sso:RoleMappings:0:Role"] = "InstitutionAdmin",
            ["Sso:ZoomProvisioning"] = "SsoCreate",
        });
        Provider = await OidcProvider.StartAsync(port, ClientId, secret, App.BaseUrl + "signin-oidc");
    }

    public async Task DisposeAsync()
    {
        await Provider.DisposeAsync();
        await App.DisposeAsync();
    }
}
