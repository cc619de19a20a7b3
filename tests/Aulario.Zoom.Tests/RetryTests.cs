using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Zoom.Tests.Infrastructure;

namespace Aulario.Zoom.Tests;

public sealed class RetryTests
{
    [Fact]
    public async Task ServerError_OnGet_IsRetriedAndSucceeds()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var user = host.AddUser("reintento@" + ZoomTestHost.ManagedDomain);
        await host.ScriptAsync(new { status = 503 }, new { status = 500 });

        var found = await host.Client.Users.GetAsync(user.Email);

        Assert.Equal(user.Id, found.Id);
        Assert.Equal(3, host.Recorder.Requests.Count(r => r.Method == HttpMethod.Get));
    }

    [Fact]
    public async Task ServerError_OnGet_AfterMaxAttempts_ReportsUnavailable()
    {
        await using var host = await ZoomTestHost.StartAsync(o => o.Retry.MaxAttempts = 2);
        var user = host.AddUser("caido@" + ZoomTestHost.ManagedDomain);
        await host.ScriptAsync(new { status = 503 }, new { status = 503 }, new { status = 503 });

        var result = await host.Provider.GetUserAsync(user.Id);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ProviderErrorCodes.Unavailable, error.Code);
        Assert.Equal(ErrorKind.Upstream, error.Kind);
        Assert.Equal(2, host.Recorder.Requests.Count);
    }

    [Fact]
    public async Task Timeout_OnGet_IsRetried()
    {
        await using var host = await ZoomTestHost.StartAsync(o => o.Retry.RequestTimeout = TimeSpan.FromMilliseconds(500));
        var user = host.AddUser("lento@" + ZoomTestHost.ManagedDomain);
        await host.ScriptAsync(new { delay = "00:00:30", status = 504 });

        var found = await host.Client.Users.GetAsync(user.Id);

        Assert.Equal(user.Id, found.Id);
        Assert.Equal(2, host.Recorder.Requests.Count);
    }

    [Fact]
    public async Task ServerError_OnCreate_IsNotRetried_AndReportsUnavailableWhenTheUserDoesNotExist()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var email = "nuevo@" + ZoomTestHost.ManagedDomain;
        await host.ScriptAsync(new { status = 503, method = "POST" });

        var result = await host.Provider.CreateUserAsync(new NewProviderUser(email, "Nora", "Nueva", LicenseType.Licensed, CreateMode.Create));

        Assert.Equal(ProviderErrorCodes.Unavailable, Assert.Single(result.Errors).Code);
        Assert.Single(host.Recorder.Requests, r => r.Method == HttpMethod.Post);
        Assert.Contains(host.Recorder.Requests, r => r.Method == HttpMethod.Get && r.Uri.AbsolutePath.EndsWith(Uri.EscapeDataString(email), StringComparison.Ordinal));
        Assert.Equal(0, await host.CreatesOfAsync(email));
    }

    [Fact]
    public async Task ServerError_OnCreate_WhenZoomCreatedTheUserAnyway_ReturnsItWithoutADuplicate()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var email = "ya-creado@" + ZoomTestHost.ManagedDomain;
        var existing = host.AddUser(email, status: "pending"); // what Zoom did before the 503 reached us
        await host.ScriptAsync(new { status = 503, method = "POST" });

        var result = await host.Provider.CreateUserAsync(new NewProviderUser(email, "Nora", "Nueva", LicenseType.Licensed, CreateMode.Create));

        Assert.True(result.IsSuccess);
        Assert.Equal(existing.Id, result.Value.Id);
        Assert.Equal(ProviderUserStatus.Pending, result.Value.Status);
        Assert.Single(host.Recorder.Requests, r => r.Method == HttpMethod.Post);
        Assert.Single(host.Sandbox.State.Users, u => u.Email == email);
    }
}
