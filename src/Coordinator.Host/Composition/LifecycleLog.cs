namespace PairDb.Coordinator.Composition;

/// <summary>Source-generated log messages of the coordinator's shutdown, with stable event ids.</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Shutting down: not ready, refusing new calls; calls in flight get up to {TimeoutMs} ms to finish.")]
    public static partial void Draining(ILogger logger, long timeoutMs);
}
