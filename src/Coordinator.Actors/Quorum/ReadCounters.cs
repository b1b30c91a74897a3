namespace PairDb.Actors.Quorum;

/// <summary>Thread-safe counts of how reads asked their replicas, read by metrics.</summary>
public sealed class ReadCounters
{
    private long _speculated;
    private long _fullReads;

    /// <summary>Reads that asked beyond their first R replicas: one failed, or was slower than the speculative-retry delay.</summary>
    public long Speculated => Interlocked.Read(ref _speculated);

    /// <summary>Reads sampled to ask all N replicas at once (reads.full_read_chance); reads at ALL are not counted.</summary>
    public long FullReads => Interlocked.Read(ref _fullReads);

    internal void CountSpeculated() => Interlocked.Increment(ref _speculated);

    internal void CountFullRead() => Interlocked.Increment(ref _fullReads);
}
