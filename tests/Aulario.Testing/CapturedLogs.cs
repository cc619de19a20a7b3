using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Aulario.Testing;

public sealed record LogEntry(string Category, LogLevel Level, int EventId, string Message);

/// <summary>Log lines at Information and above, kept so a test can read what an operator (or EF's command log) would read.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);
    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) entries.Enqueue(new LogEntry(category, logLevel, eventId.Id, formatter(state, exception)));
        }
    }
}
