using System.Diagnostics;
using System.Globalization;
using Aulario.Core.Jobs;
using Aulario.Persistence;
using Aulario.Zoom.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aulario.Bench;

/// <summary>
/// The job worker of the killed-and-restarted rotation run, as its own process (the bench's own program, mode
/// <c>rotation-worker</c>): the app instance <see cref="RotationWorld.NewInstance"/> builds, on the same SQLite file (the
/// Data Protection keys are in that database, so it reads what the parent sealed), running the real job engine under the
/// real <see cref="JobOwner"/> of this process until the job has finished; then it exits 0.
/// It writes <c>#mark NAME UTC-TICKS</c> lines (services-built, claimed when it took the job over, token-request,
/// first-zoom-request, first-zoom-answer, finished) for the parent's timings.
/// </summary>
internal static class RotationWorker
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? db = null, api = null, token = null;
        Guid? jobId = null;
        var settings = new RotationSettings();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--db") db = args[++i];
            else if (args[i] == "--api") api = args[++i];
            else if (args[i] == "--token") token = args[++i];
            else if (args[i] == "--job") jobId = Guid.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--parallel") settings.MaxParallelItems = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--lease") settings.Lease = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
        }
        if (db is null || api is null || token is null || jobId is null)
        {
            await Console.Error.WriteLineAsync("usage: rotation-worker --db <sqlite connection string> --api <url> --token <url> --job <id> [--parallel N] [--lease S]");
            return 2;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Aulario"] = db,
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Errors, and the job engine's own lines (the takeover); the Zoom client's retry warnings would drown the report.
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Error).AddFilter("Aulario.Core.Jobs", LogLevel.Information)
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; o.UseUtcTimestamp = true; })
            .AddProvider(new ClaimMarks()));
        services.AddSingleton(TimeProvider.System);
        services.AddAularioPersistence(configuration, Path.GetTempPath());
        services.AddAularioDataProtection();
        var counter = new ZoomResponseCounter();
        counter.FirstRequest += at => Mark("first-zoom-request", at);
        counter.FirstResponse += at => Mark("first-zoom-answer", at);
        RotationWorld.ConfigureInstance(services, settings, api, token, counter);
        var tokenRequest = 0;
        services.AddHttpClient(ZoomTokenProvider.HttpClientName).AddHttpMessageHandler(() => new Marking(() =>
        {
            if (Interlocked.Exchange(ref tokenRequest, 1) == 0) Mark("token-request", TimeProvider.System.GetUtcNow());
        }));
        await using var instance = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        Mark("services-built", TimeProvider.System.GetUtcNow());

        var owner = JobOwner.ForThisProcess();
        Console.WriteLine($"pid {Environment.ProcessId}, lease owner {owner}");
        await BulkRotationBenchmark.WorkUntilDoneAsync(instance, jobId.Value, owner.ToString(), CancellationToken.None);
        Mark("finished", TimeProvider.System.GetUtcNow());
        Console.WriteLine($"this process's Zoom client saw: Medium ok {counter.Get("Medium", "ok"):N0}, " +
                          $"429 injected {counter.Get("Medium", "429-injected") + counter.Get("Light", "429-injected")}, " +
                          $"429 from the limit {counter.Get("Medium", "429-limit") + counter.Get("Light", "429-limit")}, " +
                          $"5xx {counter.Get("Medium", "5xx") + counter.Get("Light", "5xx")}");
        return 0;
    }

    private static void Mark(string name, DateTimeOffset at) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#mark {name} {at.UtcTicks}"));

    /// <summary>Calls <paramref name="onSend"/> as each request leaves.</summary>
    private sealed class Marking(Action onSend) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            onSend();
            return base.SendAsync(request, ct);
        }
    }

    /// <summary>Marks "claimed" when the engine logs that it took the job over.</summary>
    private sealed class ClaimMarks : ILoggerProvider, ILogger
    {
        private int _marked;

        public ILogger CreateLogger(string categoryName) =>
            categoryName == typeof(JobEngine).FullName ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains("taken over", StringComparison.Ordinal) && Interlocked.Exchange(ref _marked, 1) == 0)
                Mark("claimed", TimeProvider.System.GetUtcNow());
        }

        public void Dispose() { }
    }
}

/// <summary>A <see cref="RotationWorker"/> child process: its output echoed with a prefix, its marks collected.</summary>
internal sealed class RotationWorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Dictionary<string, TaskCompletionSource<DateTimeOffset>> _marks = new(StringComparer.Ordinal);

    private RotationWorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }
    public int Id => _process.Id;
    public DateTimeOffset StartedAt { get; private set; }
    public Task Exited => _process.WaitForExitAsync();
    public int ExitCode => _process.ExitCode;

    public static RotationWorkerProcess Start(string name, RotationWorld world, RotationSettings settings, Guid jobId)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // Under `dotnet bench.dll` the host needs the dll; under the apphost (dotnet run) the program is the process itself.
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(RotationWorker).Assembly.Location);
        foreach (var a in new[]
                 {
                     "rotation-worker", "--db", world.Database.ServerConnectionString, "--api", world.Sandbox.ApiBaseUrl, "--token", world.Sandbox.TokenUrl,
                     "--job", jobId.ToString(), "--lease", settings.Lease.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                     "--parallel", settings.MaxParallelItems.ToString(CultureInfo.InvariantCulture),
                 })
            start.ArgumentList.Add(a);
        var process = new Process { StartInfo = start };
        var worker = new RotationWorkerProcess(process, name);
        process.OutputDataReceived += (_, e) => worker.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data);
        process.Start();
        worker.StartedAt = new DateTimeOffset(process.StartTime.ToUniversalTime());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>When the worker wrote mark <paramref name="name"/> (its own clock, which is this machine's); fails if it exits first.</summary>
    public async Task<DateTimeOffset> MarkAsync(string name, TimeSpan timeout)
    {
        Task<DateTimeOffset> mark;
        lock (_marks) mark = Source(name).Task;
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(mark, exited).WaitAsync(timeout) == mark) return await mark;
        await Task.Delay(200); // its last lines may still be on their way
        if (mark.IsCompleted) return await mark;
        throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before «{name}»");
    }

    /// <summary>The time of mark <paramref name="name"/> if the worker wrote it by now.</summary>
    public DateTimeOffset? MarkIfAny(string name)
    {
        lock (_marks) return _marks.TryGetValue(name, out var source) && source.Task.IsCompletedSuccessfully ? source.Task.Result : null;
    }

    /// <summary>A hard kill (SIGKILL), as a crash or an OOM kill: nothing in the process runs any more.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private TaskCompletionSource<DateTimeOffset> Source(string name)
    {
        if (!_marks.TryGetValue(name, out var source))
            _marks[name] = source = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        return source;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        if (line.StartsWith("#mark ", StringComparison.Ordinal))
        {
            var parts = line.Split(' ');
            var at = new DateTimeOffset(long.Parse(parts[2], CultureInfo.InvariantCulture), TimeSpan.Zero);
            lock (_marks) Source(parts[1]).TrySetResult(at);
            return;
        }
        Console.WriteLine($"    [{Name}] {line}");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
