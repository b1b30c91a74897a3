using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PairDb.Storage.Tests.Support;

/// <summary>Keeps every log entry written through it as "level category: message", for assertions on what a node logged.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    /// <summary>The entries above <paramref name="level"/>, each as "level category: message".</summary>
    public IReadOnlyList<string> Above(LogLevel level) => [.. _entries.Where(e => e.Level > level).Select(static e => e.Text)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel Level, string Text)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, $"{logLevel} {category}: {formatter(state, exception)} {exception}"));
    }
}
