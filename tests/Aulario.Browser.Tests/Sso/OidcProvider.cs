using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Aulario.Browser.Tests.Sso;

/// <summary>
/// The real OpenID Connect provider (tools/oidc/provider.mjs, npm oidc-provider with its dev login and consent pages) as a
/// child process on a free loopback port. Claims per login come from a JSON file the test may rewrite between sign-ins.
/// Needs `npm ci` in tools/ (scripts/test.sh does it when node_modules is missing).
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _accountsFile;
    private readonly Dictionary<string, Dictionary<string, object?>> _accounts = [];

    private OidcProvider(Process process, int port, string accountsFile)
    {
        _process = process;
        Port = port;
        _accountsFile = accountsFile;
    }

    public int Port { get; }
    public string Issuer => $"http://127.0.0.1:{Port}";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<OidcProvider> StartAsync(int port, string clientId, string clientSecret, string redirectUri)
    {
        var tools = FindTools();
        var accountsFile = Path.Combine(Path.GetTempPath(), $"aulario-oidc-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(accountsFile, "{}");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(tools, "oidc", "provider.mjs"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--client-id", clientId, "--client-secret", clientSecret, "--redirect-uri", redirectUri, "--accounts", accountsFile })
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data?.StartsWith("listening ", StringComparison.Ordinal) == true) ready.TrySetResult(); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The OIDC provider exited: " + errors));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var provider = new OidcProvider(process, port, accountsFile);
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return provider;
    }

    /// <summary>Sets the claims the provider returns for a login (merged over the ones derived from the login).</summary>
    public async Task SetAccountAsync(string login, object claims)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(claims))!;
        lock (_accounts) _accounts[login] = values;
        string json;
        lock (_accounts) json = JsonSerializer.Serialize(_accounts);
        await File.WriteAllTextAsync(_accountsFile, json);
    }

    private static string FindTools()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var tools = Path.Combine(dir.FullName, "tools");
            if (File.Exists(Path.Combine(tools, "oidc", "provider.mjs")))
            {
                if (!Directory.Exists(Path.Combine(tools, "node_modules", "oidc-provider")))
                    throw new InvalidOperationException($"Run `npm ci` in {tools} first (oidc-provider is not installed).");
                return tools;
            }
        }
        throw new InvalidOperationException("tools/oidc/provider.mjs not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException) { }
        catch (TimeoutException) { }
        _process.Dispose();
        try { File.Delete(_accountsFile); } catch (IOException) { }
    }
}
