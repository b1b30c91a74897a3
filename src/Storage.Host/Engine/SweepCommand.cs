namespace PairDb.Storage.Engine;

/// <summary>Deletes a bounded chunk of expired tombstone-only keys, through the writer like any write.</summary>
internal sealed class SweepCommand : WriteCommand
{
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _cutoffMicros;
    private readonly int _limit;
    private int _deleted;

    public SweepCommand(long cutoffMicros, int limit)
    {
        _cutoffMicros = cutoffMicros;
        _limit = limit;
    }

    /// <summary>Completes with the number of keys deleted, after the commit.</summary>
    public Task<int> Task => _completion.Task;

    public override void Execute(WriterSession session)
    {
        var removed = session.DeleteExpiredTombstones(_cutoffMicros, _limit);
        _deleted = (int)removed.Keys;
        KeyDelta = -removed.Keys;
        ByteDelta = -removed.Bytes;
    }

    public override void Complete() => _completion.TrySetResult(_deleted);

    public override void Fail(Exception error) => _completion.TrySetException(error);
}
