using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// What one anti-entropy pass covers. Tenants are grouped by replication factor (capped at the ring's node count),
/// since a range's replicas depend on it; each group's ring is cut into its arcs (<see cref="HashRing.Ranges"/>), and
/// consecutive arcs with the same set of replicas are joined, up to <see cref="MaxArcsPerRange"/> arcs, so a
/// ring whose every arc has the same replicas (as many nodes as the factor) is not synced vnode by vnode, while one
/// range stays a bounded share of the ring.
/// </summary>
public static class RepairWorkPlanner
{
    /// <summary>Consecutive arcs synced as one range, at most.</summary>
    public const int MaxArcsPerRange = 32;

    public static IReadOnlyList<RepairWorkItem> Plan(HashRing ring, IReadOnlyList<Tenant> tenants)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(tenants);
        var items = new List<RepairWorkItem>();
        if (ring.NodeCount == 0)
        {
            return items;
        }

        var groups = new SortedDictionary<int, List<string>>();
        foreach (var tenant in tenants)
        {
            var factor = Math.Min(tenant.ReplicationFactor, ring.NodeCount);
            if (!groups.TryGetValue(factor, out var ids))
            {
                groups[factor] = ids = [];
            }

            ids.Add(tenant.TenantId);
        }

        foreach (var (factor, ids) in groups)
        {
            ids.Sort(StringComparer.Ordinal);
            Join(ring.Ranges(factor), factor, ids, items);
        }

        return items;
    }

    private static void Join(IReadOnlyList<ReplicatedRange> arcs, int factor, IReadOnlyList<string> tenantIds, List<RepairWorkItem> items)
    {
        var i = 0;
        while (i < arcs.Count)
        {
            var first = arcs[i];
            var end = first.Range.End;
            var joined = 1;
            while (i + joined < arcs.Count && joined < MaxArcsPerRange && SameSet(first.Replicas, arcs[i + joined].Replicas))
            {
                end = arcs[i + joined].Range.End;
                joined++;
            }

            // Joining every arc of the ring gives (p, p]: the whole ring, as RingRange reads it.
            var replicas = first.Replicas.Order(StringComparer.Ordinal).ToArray();
            items.Add(new RepairWorkItem(new RepairRangeKey(factor, first.Range.Start, end), replicas, tenantIds));
            i += joined;
        }
    }

    private static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var id in a)
        {
            if (!b.Contains(id, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
