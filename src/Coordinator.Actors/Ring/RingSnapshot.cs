using PairDb.Actors.Cores;
using PairDb.Messages.Values;

namespace PairDb.Actors.Ring;

/// <summary>
/// An immutable view of storage membership: the hash ring that owns data now (active and leaving nodes), the ring
/// a running membership change leads to (active and joining nodes), replication factors being changed, which
/// nodes are down, and which are being rebuilt after losing their data (their reads do not count towards R). Request paths read the current snapshot without messaging the ring actor.
/// </summary>
public sealed class RingSnapshot
{
    private static readonly IReadOnlyDictionary<string, int> NoPendingFactors = new Dictionary<string, int>(StringComparer.Ordinal);
    private readonly Dictionary<string, StorageNode> _nodes;
    private static readonly IReadOnlyDictionary<string, string> NoReasons = new Dictionary<string, string>(StringComparer.Ordinal);
    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoRebuilding = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, int> _pendingFactors;
    private readonly IReadOnlyDictionary<string, string> _downReasons;

    /// <param name="nodes">Every known node.</param>
    /// <param name="down">Ids of the nodes the failure detector holds down.</param>
    /// <param name="version">Increases with every published snapshot.</param>
    /// <param name="pendingFactors">Target factors of replication-factor changes still streaming, by tenant.</param>
    /// <param name="downReasons">Why each down node's last probe failed, by node id.</param>
    /// <param name="rebuilding">Since when each node being rebuilt after losing its data is, by node id.</param>
    public RingSnapshot(
        IReadOnlyList<StorageNode> nodes,
        IReadOnlySet<string> down,
        long version,
        IReadOnlyDictionary<string, int>? pendingFactors = null,
        IReadOnlyDictionary<string, string>? downReasons = null,
        IReadOnlyDictionary<string, DateTimeOffset>? rebuilding = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes = new Dictionary<string, StorageNode>(nodes.Count, StringComparer.Ordinal);
        var owners = new List<RingMember>(nodes.Count);
        var future = new List<RingMember>(nodes.Count);
        var changing = false;
        foreach (var node in nodes)
        {
            _nodes[node.NodeId] = node;
            var member = new RingMember(node.NodeId, node.VirtualNodes);
            switch (node.Status)
            {
                case StorageNodeStatus.Active:
                    owners.Add(member);
                    future.Add(member);
                    ActiveNodeCount++;
                    break;
                case StorageNodeStatus.Leaving:
                    owners.Add(member);
                    changing = true;
                    break;
                case StorageNodeStatus.Joining:
                    future.Add(member);
                    changing = true;
                    break;
            }
        }

        Ring = new HashRing(owners);
        PendingRing = changing ? new HashRing(future) : null;
        Down = down;
        Version = version;
        _pendingFactors = pendingFactors ?? NoPendingFactors;
        _downReasons = downReasons ?? NoReasons;
        Rebuilding = rebuilding ?? NoRebuilding;
    }

    public static RingSnapshot Empty { get; } = new([], new HashSet<string>(), 0);

    /// <summary>The ring that owns data now: reads, quorums and read repair use it.</summary>
    public HashRing Ring { get; }

    /// <summary>The ring a running node join or removal leads to; null when membership is not changing.</summary>
    public HashRing? PendingRing { get; }

    /// <summary>Every known node, whatever its status (removed ones included).</summary>
    public IReadOnlyCollection<StorageNode> Nodes => _nodes.Values;

    public IReadOnlySet<string> Down { get; }

    /// <summary>Increases with every published change.</summary>
    public long Version { get; }

    /// <summary>Nodes with status active (not joining, leaving or removed): the ceiling for a tenant's RF.</summary>
    public int ActiveNodeCount { get; }

    /// <summary>Replication factors being changed, by tenant: the target factor while its migration streams.</summary>
    public IReadOnlyDictionary<string, int> PendingFactors => _pendingFactors;

    public bool IsDown(string nodeId) => Down.Contains(nodeId);

    /// <summary>
    /// Nodes whose database was found created anew (they lost their data), by node id, with the instant the change was
    /// recorded: they take writes, but their reads do not count towards R until anti-entropy has refilled them.
    /// </summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Rebuilding { get; }

    public bool IsRebuilding(string nodeId) => Rebuilding.ContainsKey(nodeId);

    /// <summary>Why a down node's last probe failed (e.g. another node answers at its address), or null.</summary>
    public string? DownReason(string nodeId) => _downReasons.GetValueOrDefault(nodeId);

    /// <summary>"id: reason" of each of <paramref name="nodes"/> that is down, joined by "; " (just the id when no reason is known).</summary>
    public string DownDetail(IEnumerable<StorageNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var parts = new List<string>();
        foreach (var node in nodes)
        {
            if (IsDown(node.NodeId))
            {
                parts.Add(DownReason(node.NodeId) is { } reason ? node.NodeId + ": " + reason : node.NodeId);
            }
        }

        return string.Join("; ", parts);
    }

    public StorageNode? Find(string nodeId) => _nodes.GetValueOrDefault(nodeId);

    /// <summary>The first <paramref name="replicationFactor"/> distinct nodes clockwise from the key.</summary>
    public StorageNode[] PreferenceList(string tenantId, string key, int replicationFactor) =>
        ToNodes(Ring.PreferenceList(tenantId, key, replicationFactor));

    /// <summary>
    /// Nodes that will be replicas of the key once the running change completes but are not now: writes also go to
    /// them (outside the quorum) so nothing written during the change is missing when the ring switches.
    /// Empty when nothing is changing for this tenant.
    /// </summary>
    public StorageNode[] ExtraReplicas(string tenantId, string key, int replicationFactor, StorageNode[] current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var hasFactor = _pendingFactors.TryGetValue(tenantId, out var pendingFactor);
        if (PendingRing is null && !hasFactor)
        {
            return [];
        }

        var future = (PendingRing ?? Ring).PreferenceList(tenantId, key, hasFactor ? pendingFactor : replicationFactor);
        List<StorageNode>? extra = null;
        foreach (var id in future)
        {
            if (Array.FindIndex(current, n => string.Equals(n.NodeId, id, StringComparison.Ordinal)) < 0)
            {
                (extra ??= []).Add(_nodes[id]);
            }
        }

        return extra is null ? [] : [.. extra];
    }

    private StorageNode[] ToNodes(string[] ids)
    {
        var nodes = new StorageNode[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            nodes[i] = _nodes[ids[i]];
        }

        return nodes;
    }
}
