using PairDb.Actors.Cores;
using PairDb.Messages.Values;

namespace PairDb.Actors.Ring;

/// <summary>
/// An immutable view of storage membership: the hash ring over active nodes, their addresses and which are
/// down. Request paths read the current snapshot without messaging the ring actor.
/// </summary>
public sealed class RingSnapshot
{
    private readonly Dictionary<string, StorageNode> _nodes;

    public RingSnapshot(IReadOnlyList<StorageNode> nodes, IReadOnlySet<string> down, long version)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes = new Dictionary<string, StorageNode>(nodes.Count, StringComparer.Ordinal);
        var members = new List<RingMember>(nodes.Count);
        foreach (var node in nodes)
        {
            _nodes[node.NodeId] = node;
            if (node.Status == StorageNodeStatus.Active)
            {
                members.Add(new RingMember(node.NodeId, node.VirtualNodes));
            }
        }

        Ring = new HashRing(members);
        Down = down;
        Version = version;
    }

    public static RingSnapshot Empty { get; } = new([], new HashSet<string>(), 0);

    public HashRing Ring { get; }

    /// <summary>Every known node, whatever its status.</summary>
    public IReadOnlyCollection<StorageNode> Nodes => _nodes.Values;

    public IReadOnlySet<string> Down { get; }

    /// <summary>Increases with every published change.</summary>
    public long Version { get; }

    /// <summary>Nodes in the ring (status active), reachable or not: the ceiling for a tenant's RF.</summary>
    public int ActiveNodeCount => Ring.NodeCount;

    public bool IsDown(string nodeId) => Down.Contains(nodeId);

    public StorageNode? Find(string nodeId) => _nodes.GetValueOrDefault(nodeId);

    /// <summary>The first <paramref name="replicationFactor"/> distinct nodes clockwise from the key.</summary>
    public StorageNode[] PreferenceList(string tenantId, string key, int replicationFactor)
    {
        var ids = Ring.PreferenceList(tenantId, key, replicationFactor);
        var nodes = new StorageNode[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            nodes[i] = _nodes[ids[i]];
        }

        return nodes;
    }
}
