namespace PairDb.Actors.Keys;

/// <summary>What this node's key actors report for metrics: how many are alive, how many stopped when asked, refusals.</summary>
public sealed class KeyActorCounters
{
    private long _live;
    private long _stopped;
    private long _queueFull;

    /// <summary>Key actors alive on this node now.</summary>
    public long Live => Interlocked.Read(ref _live);

    /// <summary>Key actors stopped on the region's request (idle passivation or a shard hand-off).</summary>
    public long Stopped => Interlocked.Read(ref _stopped);

    /// <summary>Writes refused because the key's queue (actors.mailbox_capacity) was full.</summary>
    public long QueueFull => Interlocked.Read(ref _queueFull);

    internal void Started() => Interlocked.Increment(ref _live);

    internal void Ended() => Interlocked.Decrement(ref _live);

    internal void CountStopped() => Interlocked.Increment(ref _stopped);

    internal void CountQueueFull() => Interlocked.Increment(ref _queueFull);
}
