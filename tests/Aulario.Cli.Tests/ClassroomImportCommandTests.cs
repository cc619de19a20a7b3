using Aulario.Cli.Api;

namespace Aulario.Cli.Tests;

/// <summary>`classrooms import` against the demo portal ISSP of its own live app (applying adds a classroom, which other tests' counts must not see).</summary>
public sealed class ClassroomImportCommandTests(CliLiveApp app) : IClassFixture<CliLiveApp>
{
    [Fact]
    public async Task Import_ChecksAgainstSiuFirst_ThenAppliesAsAJobThatJobsWatchFollowsToTheEnd()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"aulario-cli-aulas-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "email;codigo;nombre\r\ncli-aula@aulas.demo.edu.ar;ZOOM08;Zoom 08 - CLI\r\nno-es-correo;ZOOM07;\r\notra@aulas.demo.edu.ar;NOEXISTE;\r\n");
        try
        {
            var dry = await CliRun.RunAsync("classrooms", "import", csv, "--portal", "issp", "--url", app.Url, "--token", app.Token);
            Assert.True(dry.ExitCode == ExitCodes.Failed, dry.Out + dry.Error); // two invalid rows
            Assert.Contains("Aulas para asignar: 1; reemplazos de cuenta: 0; sin cambios: 0; con errores: 2", dry.Out, StringComparison.Ordinal);
            Assert.Contains("no se cambió nada", dry.Out, StringComparison.Ordinal);
            var list = await CliRun.RunAsync("classrooms", "list", "--portal", "ISSP", "--url", app.Url, "--token", app.Token);
            Assert.DoesNotContain("cli-aula@aulas.demo.edu.ar", list.Out, StringComparison.Ordinal);

            var applied = await CliRun.RunAsync("classrooms", "import", csv, "--portal", "ISSP", "--apply", "--url", app.Url, "--token", app.Token);
            Assert.Contains("Importación aplicada como trabajo", applied.Out, StringComparison.Ordinal);
            var jobId = applied.Out.Split("trabajo ")[1].Split(':')[0].Trim();
            var watch = await CliRun.RunAsync("jobs", "watch", jobId, "--url", app.Url, "--token", app.Token);
            Assert.True(watch.ExitCode == ExitCodes.Ok, watch.Out + watch.Error);

            var after = await CliRun.RunAsync("classrooms", "list", "--portal", "ISSP", "--search", "cli-aula", "--url", app.Url, "--token", app.Token);
            Assert.Contains("cli-aula@aulas.demo.edu.ar", after.Out, StringComparison.Ordinal);

            var unknown = await CliRun.RunAsync("classrooms", "import", csv, "--portal", "NOPE", "--url", app.Url, "--token", app.Token);
            Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
