namespace PairDb.Actors.Repair;

/// <summary>Thread-safe counts of read repair, read by metrics.</summary>
public sealed class RepairCounters
{
    private long _triggered;
    private long _succeeded;
    private long _failed;
    private long _dropped;

    /// <summary>Replica repairs started.</summary>
    public long Triggered => Interlocked.Read(ref _triggered);

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Repair jobs refused because the repair queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void CountTriggered() => Interlocked.Increment(ref _triggered);

    /// <summary>One started repair's outcome: succeeded when the replica accepted it, failed otherwise.</summary>
    internal void CountOutcome(bool ok) => Interlocked.Increment(ref ok ? ref _succeeded : ref _failed);

    internal void CountDropped() => Interlocked.Increment(ref _dropped);
}
