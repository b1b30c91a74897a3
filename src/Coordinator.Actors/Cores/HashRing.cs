using PairDb.Messages.Ring;

namespace PairDb.Actors.Cores;

/// <summary>
/// An immutable consistent-hash ring with virtual nodes, keys and vnodes placed by <see cref="RingPositions"/>. A key
/// belongs to the first vnode at or after its position (wrapping), and its preference list is the first distinct
/// physical nodes met walking clockwise from there. Snapshots are shared between threads without locks.
/// </summary>
public sealed class HashRing
{
    /// <summary>Virtual nodes per storage node when none is configured.</summary>
    public const int DefaultVirtualNodes = 150;

    // A preference list longer than this tracks chosen nodes in a heap array instead of on the stack.
    private const int StackChosenLimit = 64;

    private readonly RingMember[] _members;
    private readonly IReadOnlyList<RingMember> _readOnlyMembers;
    private readonly string[] _nodeIds;
    private readonly ulong[] _positions;
    private readonly int[] _owners;

    /// <summary>Builds the ring; node ids must be distinct and non-empty, each with at least one virtual node.</summary>
    public HashRing(IEnumerable<RingMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        _members = [.. members];
        _readOnlyMembers = Array.AsReadOnly(_members);
        _nodeIds = new string[_members.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        for (var i = 0; i < _members.Length; i++)
        {
            var member = _members[i];
            ArgumentException.ThrowIfNullOrEmpty(member.NodeId, nameof(members));
            if (member.VirtualNodes < 1)
            {
                throw new ArgumentException($"Node {member.NodeId} needs at least one virtual node (got {member.VirtualNodes}).", nameof(members));
            }

            if (!seen.Add(member.NodeId))
            {
                throw new ArgumentException($"Node {member.NodeId} appears twice.", nameof(members));
            }

            _nodeIds[i] = member.NodeId;
            total = checked(total + member.VirtualNodes);
        }

        var vnodes = new (ulong Position, int Owner)[total];
        var next = 0;
        for (var owner = 0; owner < _members.Length; owner++)
        {
            for (var v = 0; v < _members[owner].VirtualNodes; v++)
            {
                vnodes[next++] = (RingPositions.VirtualNode(_members[owner].NodeId, v), owner);
            }
        }

        // Equal positions (a 64-bit collision) are ordered by node id so every coordinator builds the same ring.
        var nodeIds = _nodeIds;
        Array.Sort(vnodes, (x, y) => x.Position != y.Position
            ? x.Position.CompareTo(y.Position)
            : string.CompareOrdinal(nodeIds[x.Owner], nodeIds[y.Owner]));
        _positions = new ulong[total];
        _owners = new int[total];
        for (var i = 0; i < total; i++)
        {
            _positions[i] = vnodes[i].Position;
            _owners[i] = vnodes[i].Owner;
        }
    }

    /// <summary>The ring with no nodes: every preference list is empty.</summary>
    public static HashRing Empty { get; } = new([]);

    /// <summary>The members the ring was built from, in the given order.</summary>
    public IReadOnlyList<RingMember> Members => _readOnlyMembers;

    /// <summary>Number of physical nodes.</summary>
    public int NodeCount => _nodeIds.Length;

    /// <summary>Number of virtual nodes on the ring.</summary>
    public int VirtualNodeCount => _positions.Length;

    /// <summary>
    /// The first <paramref name="replicationFactor"/> distinct nodes clockwise from the key (fewer when the ring
    /// has fewer nodes). The array is new on every call, so the caller may keep it.
    /// </summary>
    public string[] PreferenceList(string tenant, string key, int replicationFactor) =>
        PreferenceList(RingPositions.Compute(tenant, key), replicationFactor);

    /// <summary>The preference list of a ring position; see <see cref="PreferenceList(string, string, int)"/>.</summary>
    public string[] PreferenceList(ulong position, int replicationFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        return _positions.Length == 0 ? [] : PreferenceListFrom(FirstAtOrAfter(position), replicationFactor);
    }

    /// <summary>
    /// Every arc of the ring with its preference list, in ring order: one arc per distinct vnode position,
    /// (previous position, position]. The arcs partition the ring; an empty ring has none.
    /// </summary>
    public IReadOnlyList<ReplicatedRange> Ranges(int replicationFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        var starts = new List<int>(_positions.Length);
        for (var i = 0; i < _positions.Length; i++)
        {
            // Only the first vnode of a run of equal positions owns keys; the rest follow it in the walk.
            if (i == 0 || _positions[i] != _positions[i - 1])
            {
                starts.Add(i);
            }
        }

        var ranges = new ReplicatedRange[starts.Count];
        for (var k = 0; k < starts.Count; k++)
        {
            var previous = starts[k == 0 ? starts.Count - 1 : k - 1];
            var index = starts[k];
            ranges[k] = new ReplicatedRange(new RingRange(_positions[previous], _positions[index]), PreferenceListFrom(index, replicationFactor));
        }

        return ranges;
    }

    /// <summary>The arcs whose preference list includes <paramref name="nodeId"/>: the data that node must hold.</summary>
    public IReadOnlyList<ReplicatedRange> OwnedRanges(string nodeId, int replicationFactor)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        var owned = new List<ReplicatedRange>();
        foreach (var range in Ranges(replicationFactor))
        {
            foreach (var replica in range.Replicas)
            {
                if (string.Equals(replica, nodeId, StringComparison.Ordinal))
                {
                    owned.Add(range);
                    break;
                }
            }
        }

        return owned;
    }

    /// <summary>Index of the first vnode whose position is at or after <paramref name="position"/>, wrapping to 0.</summary>
    private int FirstAtOrAfter(ulong position)
    {
        int lo = 0, hi = _positions.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_positions[mid] < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo == _positions.Length ? 0 : lo;
    }

    private string[] PreferenceListFrom(int start, int replicationFactor)
    {
        var count = Math.Min(replicationFactor, _nodeIds.Length);
        var result = new string[count];
        var chosen = count <= StackChosenLimit ? stackalloc int[count] : new int[count];
        var found = 0;
        var index = start;

        // Every node has a vnode, so the walk finds count distinct nodes within one lap.
        while (found < count)
        {
            var owner = _owners[index];
            if (!chosen[..found].Contains(owner))
            {
                chosen[found] = owner;
                result[found++] = _nodeIds[owner];
            }

            index = index + 1 == _owners.Length ? 0 : index + 1;
        }

        return result;
    }
}
