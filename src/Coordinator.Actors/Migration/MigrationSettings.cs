namespace PairDb.Actors.Migration;

/// <summary>
/// Bounds of data migrations. <paramref name="SettleDelay"/> must exceed the longest request deadline plus the
/// ring reload interval of every coordinator, so writes that began before a change (or on a coordinator that has
/// not seen it yet) have landed before ranges are streamed; <paramref name="CleanupGrace"/> likewise keeps former
/// owners' data until every coordinator reads from the new ring (and, after a failure, the copies made to new
/// replicas until every coordinator has stopped writing to them).
/// </summary>
public sealed record MigrationSettings(
    TimeSpan SettleDelay,
    TimeSpan CleanupGrace,
    TimeSpan Timeout,
    TimeSpan CallTimeout,
    int ParallelTransfers = 4,
    int ParallelCopies = 32,
    int ScanBatchSize = 256,
    int MaxAttempts = 3,
    int MaxPasses = 3);
