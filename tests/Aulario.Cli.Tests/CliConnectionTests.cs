using Aulario.Cli.Api;
using Aulario.Core.ApiTokens;

namespace Aulario.Cli.Tests;

/// <summary>The CLI against the real app over loopback HTTP: authentication, network and usage failures map to their exit codes
/// with a Spanish message on stderr; features the server does not offer yet say so (exit 2) and change nothing.</summary>
public sealed class CliConnectionTests(CliLiveApp app) : IClassFixture<CliLiveApp>
{
    [Fact]
    public async Task UnknownToken_Exits3_WithSpanishMessage()
    {
        var run = await CliRun.RunAsync("accounts", "list", "--url", app.Url, "--token", ApiTokenSecret.New());

        Assert.Equal(ExitCodes.Authentication, run.ExitCode);
        Assert.Contains("Autenticación rechazada", run.Error, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task RevokedToken_FromEnvironment_Exits3()
    {
        var token = await app.CreateTokenAsync("revocado-cli");
        await app.RevokeAsync(token);
        var env = new Dictionary<string, string> { [ApiConnection.UrlVariable] = app.Url, [ApiConnection.TokenVariable] = token };

        var run = await CliRun.RunAsync(env, "jobs", "watch", Guid.NewGuid().ToString(), "--json");

        Assert.Equal(ExitCodes.Authentication, run.ExitCode);
        Assert.Contains("Autenticación rechazada", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GarbageOrMissingToken_Exits3()
    {
        var garbage = await CliRun.RunAsync("classrooms", "list", "--portal", "ISSP", "--url", app.Url, "--token", "no-es-un-token");
        Assert.Equal(ExitCodes.Authentication, garbage.ExitCode);

        var missing = await CliRun.RunAsync("classrooms", "list", "--portal", "ISSP", "--url", app.Url);
        Assert.Equal(ExitCodes.Authentication, missing.ExitCode);
        Assert.Contains("Falta el token", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidToken_UnknownJob_Exits2_NotAnAuthenticationError()
    {
        var run = await CliRun.RunAsync("jobs", "watch", Guid.NewGuid().ToString(), "--url", app.Url, "--token", app.Token, "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("HTTP 404", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Autenticación", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServer_Exits4()
    {
        // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
        var run = await CliRun.RunAsync("accounts", "list", "--url", "http://127.0.0.1:9", "--token", app.Token);

        Assert.Equal(ExitCodes.Server, run.ExitCode);
        Assert.Contains("No se pudo conectar con http://127.0.0.1:9/", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("accounts", "list", "--status", "borradas")]
    [InlineData("accounts", "list", "--opcion-que-no-existe")]
    [InlineData("accounts", "list", "--page", "cero")]
    [InlineData("accounts", "list", "--page", "0")]
    [InlineData("accounts", "export")]
    [InlineData("passcodes", "rotate", "--portal", "ISSP", "--classroom", "no-es-un-id")]
    [InlineData("comando-inexistente")]
    [InlineData()]
    public async Task BadUsage_Exits2_BeforeAnyRequest(params string[] args)
    {
        // The URL is unreachable on purpose: a usage error must be reported without calling the server (exit 2, not 4).
        var run = await CliRun.RunAsync([.. args, "--url", "http://127.0.0.1:9", "--token", app.Token]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.NotEqual("", run.Error.Trim());
    }

    [Fact]
    public async Task BadUrl_Exits2()
    {
        var run = await CliRun.RunAsync("accounts", "list", "--url", "ftp://aulario", "--token", app.Token);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("no es una URL http(s) válida", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ChecksFirstThenApplies_AndReconcileReportsDriftWithExit1()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"aulario-cli-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "email;nombre;apellido\r\ncli-import@otra.edu.ar;Aula;Uno\r\nno-es-correo;X;Y\r\n");
        try
        {
            var dry = await CliRun.RunAsync("accounts", "import", csv, "--url", app.Url, "--token", app.Token);
            Assert.Equal(ExitCodes.Failed, dry.ExitCode); // one invalid row
            Assert.Contains("Filas para crear: 1; con errores: 1", dry.Out, StringComparison.Ordinal);
            Assert.Contains("no se cambió nada", dry.Out, StringComparison.Ordinal);

            var applied = await CliRun.RunAsync("accounts", "import", csv, "--apply", "--url", app.Url, "--token", app.Token);
            Assert.Contains("Importación aplicada como trabajo", applied.Out, StringComparison.Ordinal);

            var reconcile = await CliRun.RunAsync("reconcile", "--json", "--url", app.Url, "--token", app.Token);
            Assert.True(reconcile.ExitCode is ExitCodes.Ok or ExitCodes.Failed, reconcile.Error);
            using var report = System.Text.Json.JsonDocument.Parse(reconcile.Out);
            var items = report.RootElement.GetProperty("items").GetArrayLength();
            Assert.Equal(items == 0 ? ExitCodes.Ok : ExitCodes.Failed, reconcile.ExitCode);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task Help_Exits0_AndListsTheCommands()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var command in new[] { "accounts", "classrooms", "passcodes", "jobs", "reconcile", "admin", "db" })
            Assert.Contains(command, run.Out, StringComparison.Ordinal);
    }
}
