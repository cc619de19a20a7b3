using System.Diagnostics;
using System.Globalization;
using Aulario.Bench;
using Aulario.Persistence;

// Prints Aulario's performance figures against their targets. Usage:
//   dotnet run -c Release --project bench/Aulario.Bench [-- accounts [--rows 100000] [--runs 20] [--quick] [--engine sqlite|postgresql|both]
//     [--search <text>|none] [--typed-pages]]
//   (--search: only that search's scenarios; --typed-pages: later pages without the total the pager's links carry, as a typed URL)
//   dotnet run -c Release --project bench/Aulario.Bench -- rotation [--classrooms 1000] [--faults 0.05] [--parallel 32] [--kill-at 0.4] [--lease 5]
//   (internal) rotation-worker --db <sqlite connection string> --api <url> --token <url> --job <id>: the rotation's job worker process
if (args.Length > 0 && args[0] == "rotation-worker") return await RotationWorker.RunAsync(args[1..]);
Console.WriteLine($"Aulario benchmarks — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
if (args.Length > 0 && args[0] == "rotation")
{
    var settings = new RotationSettings();
    for (var i = 1; i < args.Length; i++)
    {
        if (args[i] == "--classrooms") settings.Classrooms = int.Parse(args[++i], CultureInfo.InvariantCulture);
        else if (args[i] == "--faults") settings.FaultProbability = double.Parse(args[++i], CultureInfo.InvariantCulture);
        else if (args[i] == "--parallel") settings.MaxParallelItems = int.Parse(args[++i], CultureInfo.InvariantCulture);
        else if (args[i] == "--kill-at") settings.KillAt = double.Parse(args[++i], CultureInfo.InvariantCulture);
        else if (args[i] == "--lease") settings.Lease = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
    }
    return await BulkRotationBenchmark.RunAsync(settings) ? 0 : 1;
}

var rows = 100_000;
var runs = 20; // nearest-rank p95 of 10 runs is their maximum; of 20, the 19th
var quick = false;
var only = (string?)null;
var typedPages = false;
var engines = new List<DatabaseProvider> { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--rows") rows = int.Parse(args[++i], CultureInfo.InvariantCulture);
    if (args[i] == "--runs") runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    if (args[i] == "--quick") quick = true;
    if (args[i] == "--search") only = args[++i];
    if (args[i] == "--typed-pages") typedPages = true;
    if (args[i] == "--engine")
    {
        engines = args[++i].ToLowerInvariant() switch
        {
            "sqlite" => [DatabaseProvider.Sqlite],
            "postgresql" => [DatabaseProvider.PostgreSql],
            _ => engines,
        };
    }
}

var failed = false;
foreach (var engine in engines)
{
    var sw = Stopwatch.StartNew();
    failed |= !await AccountsBenchmark.RunAsync(engine, rows, runs, quick, only, typedPages);
    Console.WriteLine($"  ({engine}: {sw.Elapsed.TotalSeconds:F1} s in all)");
}
return failed ? 1 : 0;
