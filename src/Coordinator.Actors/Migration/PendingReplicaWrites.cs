namespace PairDb.Actors.Migration;

/// <summary>
/// Counts writes that reached the current replicas but not a future replica of a running membership or
/// replication-factor change. The migration compares the count before and after a streaming pass: if it moved, a
/// key written during the pass may be missing on its new replica, so the pass runs again before the switch.
/// Shared by every write aggregator of this coordinator; lock-free.
/// </summary>
public sealed class PendingReplicaWrites
{
    private long _failures;

    /// <summary>Failed (or unanswered) writes to future replicas since this coordinator started.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public void RecordFailure() => Interlocked.Increment(ref _failures);
}
