using System.Diagnostics;
using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Aulario.Persistence;
using Aulario.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aulario.Bench;

/// <summary>
/// Accounts list (filter + search + sort + page, with the per-status counts the page shows) and CSV export at 100,000
/// accounts. Targets (issue "Account administration"): list p95 ≤ 25 ms in the server; export of 100,000 rows ≤ 2 s with flat memory.
/// </summary>
internal static class AccountsBenchmark
{
    private static readonly string[] LastNames = ["García", "Pérez", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Romero", "Díaz"];

    public static async Task<bool> RunAsync(DatabaseProvider engine, int rows)
    {
        Console.WriteLine();
        Console.WriteLine($"== Accounts at {rows:N0} rows on {engine}");
        await using var db = await TestDatabase.CreateAsync(engine, (services, _) => services.AddScoped<AccountQueries>().AddScoped<AccountExport>());
        var seed = Stopwatch.StartNew();
        await SeedAsync(db, rows);
        Console.WriteLine($"  seeded in {seed.Elapsed.TotalSeconds:F1} s");

        var queries = new[]
        {
            ("all, by email, page 1", new AccountListQuery()),
            ("active, by email, page 200", new AccountListQuery(AccountFilter.Active, PageNumber: 200)),
            ("pending, by name desc", new AccountListQuery(AccountFilter.Pending, Sort: AccountSort.Name, Descending: true)),
            ("finalized, by last sign-in", new AccountListQuery(AccountFilter.Finalized, Sort: AccountSort.LastSignIn, Descending: true)),
            ("search 'garcía', by created", new AccountListQuery(Search: "garcía", Sort: AccountSort.Created, Descending: true)),
            ("search 'aula4', active", new AccountListQuery(AccountFilter.Active, Search: "aula4")),
        };
        var all = new List<double>();
        foreach (var (name, query) in queries)
        {
            var times = new List<double>();
            for (var i = 0; i < 25; i++)
            {
                await using var scope = db.Services.CreateAsyncScope();
                var q = scope.ServiceProvider.GetRequiredService<AccountQueries>();
                var sw = Stopwatch.StartNew();
                var result = await q.ListAsync(query, AdminScope.Institution);
                sw.Stop();
                if (i >= 5) times.Add(sw.Elapsed.TotalMilliseconds); // first runs warm caches and compile queries
                if (result.Page.Items.Count == 0 && query.Search is null) throw new InvalidOperationException("Empty page: the benchmark data is wrong.");
            }
            all.AddRange(times);
            Console.WriteLine($"  list {name,-32} p50 {Percentile(times, 50),6:F1} ms   p95 {Percentile(times, 95),6:F1} ms");
        }
        var p95 = Percentile(all, 95);
        var listOk = p95 <= 25;
        Console.WriteLine($"  list overall: p50 {Percentile(all, 50):F1} ms, p95 {p95:F1} ms (target ≤ 25 ms) {(listOk ? "OK" : "MISSED")}");

        // Export: streamed to a sink; memory sampled while it runs.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(true);
        long peak = before;
        using var cts = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(5);
            }
        });
        var counting = new CountingStream();
        var export = Stopwatch.StartNew();
        await using (var scope = db.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AccountExport>().WriteAsync(counting, new AccountListQuery(), AdminScope.Institution, "es-AR");
        export.Stop();
        await cts.CancelAsync();
        await sampler;
        var exportOk = export.Elapsed.TotalSeconds <= 2 && counting.Lines == rows + 1;
        Console.WriteLine($"  export {counting.Lines - 1:N0} rows, {counting.Length / 1024.0 / 1024.0:F1} MiB: {export.Elapsed.TotalMilliseconds:F0} ms (target ≤ 2000 ms) {(exportOk ? "OK" : "MISSED")}");
        Console.WriteLine($"  export managed heap: {before / 1024.0 / 1024.0:F1} MiB before, peak {peak / 1024.0 / 1024.0:F1} MiB (+{(peak - before) / 1024.0 / 1024.0:F1} MiB; flat = independent of rows)");
        return listOk && exportOk;
    }

    private static async Task SeedAsync(TestDatabase db, int rows)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const int batch = 5_000;
        for (var offset = 0; offset < rows; offset += batch)
        {
            await using var scope = db.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<AularioDbContext>();
            context.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = offset; i < Math.Min(rows, offset + batch); i++)
            {
                var classroom = i % 4 == 0;
                var a = new Account
                {
                    Email = classroom ? $"aula{i}@inst.edu.ar" : $"docente{i}@inst.edu.ar",
                    FirstName = classroom ? "Aula" : "Docente",
                    LastName = classroom ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : LastNames[i % LastNames.Length],
                    Status = (AccountStatus)(i % 10 == 0 ? 1 : i % 10 == 1 ? 2 : i % 10 == 2 ? 0 : 1),
                    LicenseType = i % 3 == 0 ? LicenseType.Basic : LicenseType.Licensed,
                    IsClassroom = classroom,
                    CreatedAt = start.AddMinutes(i),
                    LastSignInAt = i % 7 == 0 ? null : start.AddMinutes(i * 2),
                    ZoomUserId = $"z{i:D10}",
                };
                a.RefreshSearchKey();
                context.Accounts.Add(a);
            }
            await context.SaveChangesAsync();
        }
        await using var s = db.Services.CreateAsyncScope();
        var ctx = s.ServiceProvider.GetRequiredService<AularioDbContext>();
        await ctx.Database.ExecuteSqlRawAsync(db.Provider == DatabaseProvider.Sqlite ? "ANALYZE" : "ANALYZE \"Accounts\"");
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private sealed class CountingStream : Stream
    {
        public long Lines;
        private long _length;
        public override long Length => _length;
        public override void Write(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer) => Count(buffer);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) { Count(buffer.Span); return ValueTask.CompletedTask; }
        private void Count(ReadOnlySpan<byte> span) { _length += span.Length; Lines += span.Count((byte)'\n'); }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
