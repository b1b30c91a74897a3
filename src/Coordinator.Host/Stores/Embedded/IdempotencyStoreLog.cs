namespace PairDb.Coordinator.Stores.Embedded;

/// <summary>Source-generated log messages of the embedded idempotency store, with stable event ids.</summary>
internal static partial class IdempotencyStoreLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Swept {Count} expired idempotency records.")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Idempotency record sweep failed; retrying at the next interval.")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
