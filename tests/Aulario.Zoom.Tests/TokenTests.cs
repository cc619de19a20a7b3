using Aulario.Core.Common;
using Aulario.Core.Conferencing;
using Aulario.Zoom.Tests.Infrastructure;

namespace Aulario.Zoom.Tests;

public sealed class TokenTests
{
    [Fact]
    public async Task FiftyConcurrentCalls_TokenRejectedAsExpired_RequestExactlyOneNewToken()
    {
        await using var host = await ZoomTestHost.StartAsync();
        await host.Client.Users.GetSummaryAsync();
        Assert.Equal(1, await host.TokenRequestsAsync());
        await host.ExpireTokensAsync();

        var calls = Enumerable.Range(0, 50).Select(_ => host.Client.Users.GetSummaryAsync()).ToList();
        await Task.WhenAll(calls);

        Assert.Equal(2, await host.TokenRequestsAsync());
        var afterExpiry = host.Recorder.Requests.Skip(1).ToList();
        Assert.Equal(50, afterExpiry.Count(r => r.Authorization == afterExpiry[^1].Authorization));
    }

    [Fact]
    public async Task FiftyConcurrentCalls_CachedTokenPastExpiry_RequestExactlyOneToken()
    {
        var time = Clock.NewFake();
        await using var host = await ZoomTestHost.StartAsync(time: time);
        await host.Client.Users.GetSummaryAsync();
        await host.Client.Users.GetSummaryAsync();
        Assert.Equal(1, await host.TokenRequestsAsync());

        time.Advance(TimeSpan.FromMinutes(59.5)); // inside the refresh skew: the client renews before Zoom would refuse
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.Client.Users.GetSummaryAsync()));

        Assert.Equal(2, await host.TokenRequestsAsync());
        Assert.DoesNotContain(host.Recorder.Requests, r => r.Authorization is null || !r.Authorization.StartsWith("Bearer ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenRequest_SendsAccountCredentialsAsFormBody()
    {
        await using var host = await ZoomTestHost.StartAsync();
        var check = await host.Client.CheckCredentialsAsync();

        Assert.True(check.IsSuccess);
        Assert.Contains("user:read:admin", check.Value.Scopes);
        Assert.True(check.Value.TokenExpiresAt > DateTimeOffset.UtcNow.AddMinutes(50));
    }

    [Fact]
    public async Task WrongClientSecret_CheckCredentials_ReturnsClearCredentialsError()
    {
        await using var host = await ZoomTestHost.StartAsync(clientSecret: "not-the-secret");

        var check = await host.Client.CheckCredentialsAsync();

        Assert.False(check.IsSuccess);
        var error = Assert.Single(check.Errors);
        Assert.Equal(ProviderErrorCodes.AuthFailed, error.Code);
        Assert.Equal(ErrorKind.Upstream, error.Kind);
        Assert.StartsWith("Zoom rechazó las credenciales (client_id/client_secret)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Zoom:ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongClientSecret_ProviderCall_ReturnsAuthFailedWithoutCallingTheApi()
    {
        await using var host = await ZoomTestHost.StartAsync(clientSecret: "not-the-secret");

        var result = await host.Provider.GetUserAsync("alguien@" + ZoomTestHost.ManagedDomain);

        Assert.Equal(ProviderErrorCodes.AuthFailed, Assert.Single(result.Errors).Code);
        Assert.Empty(host.Recorder.Requests);
    }
}
