using PairDb.Actors.Ports;

namespace PairDb.Actors.Hints;

/// <summary>Thread-safe counts of hinted handoff and the pending hints per node, read by metrics and the admin edge.</summary>
public sealed class HintCounters
{
    private long _stored;
    private long _replayed;
    private long _expired;
    private long _dropped;
    private volatile IReadOnlyList<PendingHints> _pending = [];

    /// <summary>Hints written to the durable queue.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Hints a returning node acknowledged through Repair (then deleted).</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Hints deleted unreplayed because they outlived the hint window.</summary>
    public long Expired => Interlocked.Read(ref _expired);

    /// <summary>Hints never kept or thrown away: past the window, over the size cap, a store failure, or their node left the ring.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Pending hints per node (nodes without hints absent), as of the hint actor's last change.</summary>
    public IReadOnlyList<PendingHints> Pending => _pending;

    /// <summary>Pending hints of <paramref name="nodeId"/>.</summary>
    public long PendingFor(string nodeId)
    {
        foreach (var node in _pending)
        {
            if (string.Equals(node.NodeId, nodeId, StringComparison.Ordinal))
            {
                return node.Count;
            }
        }

        return 0;
    }

    internal void CountStored(long count) => Interlocked.Add(ref _stored, count);

    internal void CountReplayed(long count) => Interlocked.Add(ref _replayed, count);

    internal void CountExpired(long count) => Interlocked.Add(ref _expired, count);

    internal void CountDropped(long count) => Interlocked.Add(ref _dropped, count);

    internal void Publish(IReadOnlyList<PendingHints> pending) => _pending = pending;
}
