using Aulario.Core.Conferencing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aulario.Zoom.Tests;

public sealed class OptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddZoomClient(configuration).BuildServiceProvider();
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Zoom:AccountId"] = "acc-1",
        ["Zoom:ClientId"] = "client-1",
        ["Zoom:ClientSecret"] = "s3cr3t",
    };

    [Fact]
    public void Binds_ExactKeys_WithDefaults()
    {
        var values = Valid();
        values["Zoom:ManagedDomains:0"] = "aulas.uni.edu.ar";
        values["Zoom:ManagedDomains:1"] = "uni.edu.ar";
        values["Zoom:RateLimits:Heavy"] = "5";
        values["Zoom:Retry:MaxAttempts"] = "6";
        values["Zoom:Retry:BaseDelay"] = "00:00:02";
        values["Zoom:Retry:MaxRetryAfter"] = "00:00:20";
        values["Zoom:Retry:RequestTimeout"] = "00:00:45";
        using var sp = Build(values);

        var o = sp.GetRequiredService<IOptions<ZoomOptions>>().Value;

        Assert.Equal("https://api.zoom.us/v2", o.ApiBaseUrl);
        Assert.Equal("https://zoom.us/oauth/token", o.TokenUrl);
        Assert.Equal(["aulas.uni.edu.ar", "uni.edu.ar"], o.ManagedDomains);
        Assert.Equal(ZoomPlan.Education, o.Plan);
        Assert.Equal(80, o.PerSecond(ZoomRateLimitLabel.Light));
        Assert.Equal(60, o.PerSecond(ZoomRateLimitLabel.Medium));
        Assert.Equal(5, o.PerSecond(ZoomRateLimitLabel.Heavy));
        Assert.Equal(6, o.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), o.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), o.Retry.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(45), o.Retry.RequestTimeout);
        Assert.NotNull(sp.GetRequiredService<ZoomClient>());
        Assert.IsType<Conferencing.ZoomConferencingProvider>(sp.GetRequiredService<IConferencingProvider>());
    }

    [Theory]
    [InlineData("Free", 4, 2, 1)]
    [InlineData("Pro", 30, 20, 10)]
    [InlineData("Business", 80, 60, 40)]
    [InlineData("Enterprise", 80, 60, 40)]
    public void Plan_SetsPerLabelLimits(string plan, int light, int medium, int heavy)
    {
        var values = Valid();
        values["Zoom:Plan"] = plan;
        using var sp = Build(values);

        var o = sp.GetRequiredService<IOptions<ZoomOptions>>().Value;

        Assert.Equal([light, medium, heavy], [o.PerSecond(ZoomRateLimitLabel.Light), o.PerSecond(ZoomRateLimitLabel.Medium), o.PerSecond(ZoomRateLimitLabel.Heavy)]);
    }

    [Fact]
    public void MissingSecretAndBadValues_FailValidationWithMessagesNamingTheKeys()
    {
        var values = Valid();
        values.Remove("Zoom:ClientSecret");
        values["Zoom:ApiBaseUrl"] = "api.zoom.us";
        values["Zoom:Retry:MaxAttempts"] = "0";
        values["Zoom:RateLimits:Light"] = "0";
        using var sp = Build(values);

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<ZoomOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("Zoom:ClientSecret", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Zoom:ApiBaseUrl", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Zoom:Retry:MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Zoom:RateLimits:Light", StringComparison.Ordinal));
    }

    [Fact]
    public void PostConfigure_PointsTheClientElsewhere_ForDemoMode()
    {
        var services = new ServiceCollection().AddZoomClient(new ConfigurationBuilder().Build());
        services.PostConfigure<ZoomOptions>(o =>
        {
            o.ApiBaseUrl = "http://127.0.0.1:5999/v2";
            o.TokenUrl = "http://127.0.0.1:5999/oauth/token";
            o.AccountId = "sandbox-account";
            o.ClientId = "sandbox-client";
            o.ClientSecret = "generated";
        });
        using var sp = services.BuildServiceProvider();

        Assert.Equal("http://127.0.0.1:5999/v2", sp.GetRequiredService<IOptions<ZoomOptions>>().Value.ApiBaseUrl);
    }
}
