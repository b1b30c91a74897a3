namespace PairDb.Actors.AntiEntropy;

/// <summary>Thread-safe counts of this coordinator's anti-entropy work (non-zero only where the scheduler runs), read by metrics.</summary>
public sealed class AntiEntropyCounters
{
    private long _synced;
    private long _failed;
    private long _skipped;
    private long _keysRead;
    private long _keysRepaired;
    private long _collected;
    private long _passes;

    /// <summary>Ranges whose replicas were compared and brought into agreement.</summary>
    public long RangesSynced => Interlocked.Read(ref _synced);

    /// <summary>Ranges whose sync failed (a storage call failed or timed out).</summary>
    public long RangesFailed => Interlocked.Read(ref _failed);

    /// <summary>Ranges not compared because a replica was down.</summary>
    public long RangesSkipped => Interlocked.Read(ref _skipped);

    /// <summary>Keys read from replicas for digests and scans.</summary>
    public long KeysRead => Interlocked.Read(ref _keysRead);

    /// <summary>Keys sent to a replica that lacked some of their versions.</summary>
    public long KeysRepaired => Interlocked.Read(ref _keysRepaired);

    /// <summary>Keys storage nodes deleted when told to collect tombstones after a sync.</summary>
    public long TombstonesCollected => Interlocked.Read(ref _collected);

    /// <summary>Passes that synced every range.</summary>
    public long FullPasses => Interlocked.Read(ref _passes);

    internal void Count(RangeSyncOutcome outcome)
    {
        switch (outcome.Status)
        {
            case RangeSyncStatus.Synced:
                Interlocked.Increment(ref _synced);
                break;
            case RangeSyncStatus.Skipped:
                Interlocked.Increment(ref _skipped);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }

        Interlocked.Add(ref _keysRead, outcome.KeysRead);
        Interlocked.Add(ref _keysRepaired, outcome.KeysRepaired);
        Interlocked.Add(ref _collected, outcome.TombstonesCollected);
    }

    internal void CountFullPass() => Interlocked.Increment(ref _passes);
}
