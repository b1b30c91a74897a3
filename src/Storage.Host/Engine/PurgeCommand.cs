namespace PairDb.Storage.Engine;

/// <summary>
/// Physically deletes a bounded chunk of keys (no tombstones) from one stored-position segment, through the writer
/// like any write, so the key and byte counters move with the commit.
/// </summary>
internal sealed class PurgeCommand : WriteCommand
{
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _low;
    private readonly long _high;
    private readonly string? _tenant;
    private readonly int _limit;
    private int _deleted;

    public PurgeCommand(long low, long high, string? tenant, int limit)
    {
        _low = low;
        _high = high;
        _tenant = tenant;
        _limit = limit;
    }

    /// <summary>Completes with the number of keys deleted, after the commit.</summary>
    public Task<int> Task => _completion.Task;

    /// <summary>Highest stored ring position deleted (valid once <see cref="Task"/> completed with a positive count).</summary>
    public long LastStoredRing { get; private set; }

    public override void Execute(WriterSession session)
    {
        // Execute may run twice (batch failed, retried alone), so every result is overwritten, never accumulated.
        var removed = session.DeleteRange(_low, _high, _tenant, _limit, out var lastRing);
        _deleted = (int)removed.Keys;
        LastStoredRing = lastRing;
        KeyDelta = -removed.Keys;
        ByteDelta = -removed.Bytes;
    }

    public override void Complete() => _completion.TrySetResult(_deleted);

    public override void Fail(Exception error) => _completion.TrySetException(error);
}
