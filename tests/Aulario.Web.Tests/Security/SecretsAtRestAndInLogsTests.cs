using Aulario.Persistence;
using Aulario.Web.Features.Demo;
using Aulario.Web.Tests.Accounts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Web.Tests.Security;

/// <summary>
/// The promise "no secret in plain text at rest or in logs", checked end to end: a generated account password, the Zoom client
/// secret and the admin's password never appear in any log line (Information and above, as operators collect them) nor anywhere in the SQLite file.
/// </summary>
public sealed class SecretsAtRestAndInLogsTests : IAsyncLifetime
{
    private readonly AularioWebFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task GeneratedPasswordsAndCredentials_AreNeitherLoggedNorStoredInPlainText()
    {
        var client = await _app.SignedInAsync();
        var created = await client.CreateAsync($"aula-secreta@{AccountsTestSupport.Managed}", "Aula", "Secreta");
        var password = created.GeneratedPassword;
        Assert.False(string.IsNullOrEmpty(password), "autoCreate on the managed domain must return the generated password once");
        var zoomSecret = _app.Services.GetRequiredService<DemoSandbox>().ClientSecret;

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            var stored = await db.Accounts.SingleAsync(a => a.Email == $"aula-secreta@{AccountsTestSupport.Managed}");
            Assert.NotNull(stored.PasswordProtected);
            Assert.DoesNotContain(password!, stored.PasswordProtected);
        }

        var secrets = new[] { password!, zoomSecret, AccountsTestSupport.AdminPassword };
        var leaked = _app.Logs.Entries.Where(e => secrets.Any(s => e.Message.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.True(leaked.Count == 0, "Secret in logs: " + string.Join(" | ", leaked.Select(l => l.Category + ": " + l.Message)));
        Assert.Contains(_app.Logs.Entries, e => e.Category.StartsWith("Aulario.Zoom", StringComparison.Ordinal)); // the check saw the Zoom client's lines

        SqliteConnection.ClearAllPools();
        var file = await File.ReadAllBytesAsync(Path.Combine(_app.DataDirectory, "aulario.db"));
        var text = System.Text.Encoding.UTF8.GetString(file);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }
}
