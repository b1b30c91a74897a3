namespace PairDb.Actors.Keys;

/// <summary>
/// What this node's key actors report for metrics: how many are alive, how many stopped when asked, refusals, and how
/// their writers started.
/// </summary>
public sealed class KeyActorCounters
{
    private long _live;
    private long _stopped;
    private long _queueFull;
    private long _fromLastStamp;
    private long _readFirst;

    /// <summary>Key actors alive on this node now.</summary>
    public long Live => Interlocked.Read(ref _live);

    /// <summary>Key actors stopped on the region's request (idle passivation or a shard hand-off).</summary>
    public long Stopped => Interlocked.Read(ref _stopped);

    /// <summary>Writes refused because the key's queue (actors.mailbox_capacity) was full.</summary>
    public long QueueFull => Interlocked.Read(ref _queueFull);

    /// <summary>Key writers that started from the last stamp a stopped actor of their key left in the cache.</summary>
    public long FromLastStamp => Interlocked.Read(ref _fromLastStamp);

    /// <summary>Key writers that started with no last stamp, so their first round read the key first.</summary>
    public long ReadFirst => Interlocked.Read(ref _readFirst);

    internal void CountWriterStarted(bool fromLastStamp) => Interlocked.Increment(ref fromLastStamp ? ref _fromLastStamp : ref _readFirst);

    internal void Started() => Interlocked.Increment(ref _live);

    internal void Ended() => Interlocked.Decrement(ref _live);

    internal void CountStopped() => Interlocked.Increment(ref _stopped);

    internal void CountQueueFull() => Interlocked.Increment(ref _queueFull);
}
