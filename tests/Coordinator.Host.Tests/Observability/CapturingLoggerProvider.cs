using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PairDb.Coordinator.Tests.Observability;

/// <summary>Keeps every log entry written through it, with its structured fields, for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    /// <summary>One entry: where it came from, its level and id, the rendered message and the named fields.</summary>
    internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Fields)
    {
        /// <summary>Everything the entry carries, as text: what a log sink could ever see of it.</summary>
        public string AllText => Message + "\n" + string.Join("\n", Fields.Select(static f => f.Key + "=" + f.Value));
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    fields[key] = value;
                }
            }

            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception), fields));
        }
    }
}
