using System.Text;
using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// The hint queue's bounds, pure: pending hints and bytes per node, the size cap over all of them, and the hint window.
/// A node the failure detector holds down longer than the window gets no new hints (Cassandra's max_hint_window), and a
/// hint older than the window expires; a node seen up again starts a fresh window when it next goes down.
/// </summary>
public sealed class HintLedger
{
    /// <summary>Bytes a hint costs beyond its key, value and clock: ids, timestamps, flags and the row.</summary>
    public const int OverheadBytes = 64;

    private readonly TimeSpan _window;
    private readonly long _maxBytes;
    private readonly Dictionary<string, PendingHints> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _downSince = new(StringComparer.Ordinal);

    public HintLedger(TimeSpan window, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _window = window;
        _maxBytes = maxBytes;
    }

    /// <summary>Bytes of every pending hint.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>The size the bounds count for a hint of this version: key, tenant, value and clock, plus a fixed overhead.</summary>
    public static long SizeOf(string tenantId, string key, VersionedValue version)
    {
        ArgumentNullException.ThrowIfNull(version);
        long size = OverheadBytes + Encoding.UTF8.GetByteCount(tenantId) + Encoding.UTF8.GetByteCount(key) + version.Value.Length
            + Encoding.UTF8.GetByteCount(version.CoordinatorId);
        foreach (var entry in version.Clock.Entries)
        {
            size += Encoding.UTF8.GetByteCount(entry.NodeId) + sizeof(long);
        }

        return size;
    }

    /// <summary>Adds what the store already held at start.</summary>
    public void Load(IReadOnlyList<PendingHints> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        foreach (var node in held)
        {
            Add(node.NodeId, node.Count, node.Bytes);
        }
    }

    /// <summary>Decides a new hint of <paramref name="bytes"/> for <paramref name="nodeId"/> at <paramref name="now"/>; a stored one is counted pending.</summary>
    public HintAdmission Admit(string nodeId, long bytes, DateTime now)
    {
        if (_downSince.TryGetValue(nodeId, out var since) && now - since > _window)
        {
            return HintAdmission.PastWindow;
        }

        if (TotalBytes + bytes > _maxBytes)
        {
            return HintAdmission.OverCap;
        }

        Add(nodeId, 1, bytes);
        return HintAdmission.Stored;
    }

    /// <summary>Hints that left the queue (delivered, expired, dropped or never written).</summary>
    public void Remove(PendingHints removed) => Add(removed.NodeId, -removed.Count, -removed.Bytes);

    /// <summary>
    /// The failure detector's current down set: a node newly down starts its window now; a node no longer down forgets
    /// it. Nodes the ledger never saw down keep getting hints until the detector holds them down for a whole window.
    /// </summary>
    public void ObserveDown(IReadOnlySet<string> down, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(down);
        foreach (var nodeId in _downSince.Keys.ToArray())
        {
            if (!down.Contains(nodeId))
            {
                _downSince.Remove(nodeId);
            }
        }

        foreach (var nodeId in down)
        {
            _downSince.TryAdd(nodeId, now);
        }
    }

    /// <summary>Hints created before this instant have expired.</summary>
    public DateTime ExpiryCutoff(DateTime now) => now - _window;

    /// <summary>Pending hints of <paramref name="nodeId"/>.</summary>
    public long PendingCount(string nodeId) => _pending.TryGetValue(nodeId, out var pending) ? pending.Count : 0;

    /// <summary>Every node with pending hints, in node id order.</summary>
    public IReadOnlyList<PendingHints> Pending()
    {
        var nodes = new List<PendingHints>(_pending.Values);
        nodes.Sort(static (a, b) => string.CompareOrdinal(a.NodeId, b.NodeId));
        return nodes;
    }

    private void Add(string nodeId, long count, long bytes)
    {
        var current = _pending.GetValueOrDefault(nodeId, new PendingHints(nodeId, 0, 0));
        var next = new PendingHints(nodeId, Math.Max(0, current.Count + count), Math.Max(0, current.Bytes + bytes));
        TotalBytes += next.Bytes - current.Bytes;
        if (next.Count == 0)
        {
            _pending.Remove(nodeId);
            TotalBytes -= next.Bytes;
        }
        else
        {
            _pending[nodeId] = next;
        }
    }
}
