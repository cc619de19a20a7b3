using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Aulario.Persistence;

/// <summary>
/// Tunes each SQLite connection as it opens:
/// <list type="bullet">
/// <item>Write-ahead log with <c>synchronous = NORMAL</c> (SQLite's advice for WAL): a commit no longer waits for the disk;
/// the database cannot be corrupted, and a crash of the app loses nothing; only a power loss or an OS crash may undo the last
/// commits, which durable jobs survive (their steps are idempotent and re-run). A bulk job writes each item's step state, and
/// waiting for the disk on every one of those commits held the passcode rotation under the Zoom rate limit (bench: rotation).</item>
/// <item><c>busy_timeout</c>: a writer that finds the database locked by another writer is retried by SQLite itself within
/// milliseconds. Without it Microsoft.Data.Sqlite retries after sleeping 150 ms, and parallel job items that all commit kept
/// stalling each other for whole fractions of a second.</item>
/// <item>A larger page cache (SQLite's default is 2 MiB). The accounts search reads its matches' key rows scattered over the
/// table: with 100,000 accounts they no longer fit 2 MiB and every lookup went back to the operating system (half the time of a
/// 5,000-match search in the benchmark). The cache fills only as pages are read; pooled connections keep it.
/// <c>Database:SqliteCacheSizeMiB</c> (default 64).</item>
/// <item>Memory-mapped reads of the database file (up to <see cref="MmapSizeBytes"/>). Each pooled connection has its own page
/// cache, and 100,000 accounts with their search and sort indexes take about 130 MB: the list's mixed requests kept evicting each
/// other's pages and copying them back from the operating system. Mapped pages are the operating system's cache itself, shared
/// by every connection (benchmark, every scenario in interleaved rounds: 394 → 407 of 408 within the target, p95 18.8 → 16.3 ms).
/// The write-ahead log is still read as before.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionTuning(int cacheSizeMiB) : DbConnectionInterceptor
{
    public const int DefaultCacheSizeMiB = 64;
    public const int MinCacheSizeMiB = 2;
    public const int MaxCacheSizeMiB = 4096;
    public const long MmapSizeBytes = 1L << 30;

    // Per-connection settings: cheap flags, set on every open (a pooled connection keeps them; the open cannot tell it from a
    // new one). The write-ahead log is a property of the file: switched on once per process (EF creates databases in WAL).
    private readonly string _pragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -{cacheSizeMiB * 1024}; PRAGMA mmap_size = {MmapSizeBytes};");
    private int _walChecked;

    private string Pragmas() => Interlocked.Exchange(ref _walChecked, 1) == 0 ? "PRAGMA journal_mode = WAL; " + _pragma : _pragma;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas();
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
