using PairDb.Actors.Ports;
using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// Reconciles one scanned leaf: every key any replica holds is merged across replicas by vector clock
/// (<see cref="SiblingSet.MergeAll"/>: dominated versions go, concurrent ones stay siblings), and each replica whose
/// versions are not exactly the merge (missing the key, an older version, a missing sibling) is sent the merge, as read
/// repair does (<see cref="RepairPlan"/>).
/// </summary>
public static class RangeReconciliation
{
    /// <param name="scans">Per replica id, the records it holds in the leaf (already limited to the compared tenants).</param>
    public static IReadOnlyList<KeyRepair> Plan(IReadOnlyDictionary<string, IReadOnlyList<RangeRecord>> scans)
    {
        ArgumentNullException.ThrowIfNull(scans);
        var byKey = new Dictionary<(string Tenant, string Key), Dictionary<string, IReadOnlyList<VersionedValue>>>();
        foreach (var (replica, records) in scans)
        {
            foreach (var record in records)
            {
                if (!byKey.TryGetValue((record.TenantId, record.Key), out var held))
                {
                    byKey[(record.TenantId, record.Key)] = held = new Dictionary<string, IReadOnlyList<VersionedValue>>(StringComparer.Ordinal);
                }

                held[replica] = record.Versions;
            }
        }

        var repairs = new List<KeyRepair>();
        foreach (var ((tenant, key), held) in byKey.OrderBy(e => e.Key.Tenant, StringComparer.Ordinal).ThenBy(e => e.Key.Key, StringComparer.Ordinal))
        {
            var replies = new List<ReplicaReadReply>(scans.Count);
            foreach (var replica in scans.Keys)
            {
                replies.Add(held.TryGetValue(replica, out var versions) && versions.Count > 0
                    ? ReplicaReadReply.Found(replica, versions)
                    : ReplicaReadReply.NotFound(replica));
            }

            var merged = SiblingSet.MergeAll(held.Values.SelectMany(v => v));
            var plan = RepairPlan.Create(replies, merged, int.MaxValue);
            if (!plan.IsEmpty)
            {
                repairs.Add(new KeyRepair(tenant, key, merged, plan.Targets));
            }
        }

        return repairs;
    }
}
