using Aulario.Cli.Api;

namespace Aulario.Cli.Tests;

/// <summary>`classrooms list` and `passcodes rotate` + `jobs watch` against the demo portal ISSP of a live app.</summary>
public sealed class ClassroomCommandTests(CliLiveApp app) : IClassFixture<CliLiveApp>
{
    [Fact]
    public async Task ClassroomsList_ByPortalCode_ShowsTheDemoClassrooms_AndAnUnknownCodeIsAUsageError()
    {
        var list = await CliRun.RunAsync("classrooms", "list", "--portal", "issp", "--json", "--url", app.Url, "--token", app.Token);
        Assert.Equal(ExitCodes.Ok, list.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(list.Out);
        Assert.Equal(3, json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array
            ? json.RootElement.GetArrayLength() : json.RootElement.GetProperty("items").GetArrayLength());

        var table = await CliRun.RunAsync("classrooms", "list", "--portal", "ISSP", "--url", app.Url, "--token", app.Token);
        Assert.Contains("aula101@aulas.demo.edu.ar", table.Out, StringComparison.Ordinal);

        var unknown = await CliRun.RunAsync("classrooms", "list", "--portal", "NOPE", "--url", app.Url, "--token", app.Token);
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("No hay un portal con el código «NOPE»", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasscodesRotate_WholePortal_RunsAsAJobThatJobsWatchFollowsToTheEnd()
    {
        var rotate = await CliRun.RunAsync("passcodes", "rotate", "--portal", "ISSP", "--watch", "--json", "--url", app.Url, "--token", app.Token);
        Assert.True(rotate.ExitCode == ExitCodes.Ok, rotate.Out + rotate.Error);
    }
}
