using PairDb.Actors.Ports;

namespace PairDb.Actors.Cores;

/// <summary>
/// Anti-entropy's progress over the ranges of the current plan: which range to sync next, whether the pass is over,
/// and which rebuilding nodes have been refilled. A range is due when it has not been attempted since its threshold:
/// the start of the pass, or, when one of its replicas is rebuilding, the later of that and the time the replica was
/// found rebuilding (so a node that lost its data is refilled at once, not a pass later). Ranges with a rebuilding
/// replica go first. A failed or skipped range waits for the next pass (or the next rebuild), so a node that is down
/// does not hold the scheduler in a loop; except that a range with a rebuilding replica is tried again once a retry
/// delay has passed since its last attempt, until it has synced since the rebuild began: its keys cannot be read at
/// QUORUM while the rebuilding replica is not counted, so its refill must not wait a whole pass because another
/// replica was briefly down. A record counts for a range only while the range has the replicas it was
/// made with: after a membership change moved a replica, what the old replicas agreed on says nothing of the new set.
/// </summary>
public sealed class RepairProgress
{
    private readonly Dictionary<RepairRangeKey, RepairRangeRecord> _records = [];

    public RepairProgress(IEnumerable<RepairRangeRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            _records[record.Key] = record;
        }
    }

    /// <summary>The record of a range with its current replicas, or null when that replica set was never attempted.</summary>
    public RepairRangeRecord? Find(RepairWorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _records.TryGetValue(item.Key, out var record) && SameReplicas(record.Replicas, item.Replicas) ? record : null;
    }

    public void Record(RepairRangeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[record.Key] = record;
    }

    /// <summary>Forgets the records of ranges not in <paramref name="plan"/>.</summary>
    public void Prune(IReadOnlyList<RepairWorkItem> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var keep = plan.Select(i => i.Key).ToHashSet();
        foreach (var key in _records.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            _records.Remove(key);
        }
    }

    /// <summary>
    /// The next range of <paramref name="plan"/> to sync in the pass that started at <paramref name="passStartedAt"/>,
    /// or null when none is due; <paramref name="rebuilding"/> names the nodes being rebuilt and since when, and a range
    /// of theirs not yet synced since is due again <paramref name="rebuildRetry"/> after its last attempt (at
    /// <paramref name="now"/>).
    /// </summary>
    public RepairWorkItem? Next(
        IReadOnlyList<RepairWorkItem> plan, DateTimeOffset passStartedAt, IReadOnlyDictionary<string, DateTimeOffset> rebuilding, DateTimeOffset now, TimeSpan rebuildRetry)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rebuilding);
        RepairWorkItem? first = null;
        foreach (var item in plan)
        {
            var rebuild = RebuildingSince(item, rebuilding);
            var threshold = rebuild is { } since && since > passStartedAt ? since : passStartedAt;
            if (Find(item) is { } record && record.AttemptedAt >= threshold && !RefillRetryDue(record, rebuild, now, rebuildRetry))
            {
                continue;
            }

            if (rebuild is not null)
            {
                return item;
            }

            first ??= item;
        }

        return first;
    }

    /// <summary>True when every range of the plan has synced since <paramref name="passStartedAt"/>.</summary>
    public bool AllSyncedSince(IReadOnlyList<RepairWorkItem> plan, DateTimeOffset passStartedAt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.All(item => Find(item) is { } record && record.SyncedAt >= passStartedAt);
    }

    /// <summary>Rebuilding nodes every one of whose ranges has synced since the node was found rebuilding.</summary>
    public IReadOnlyList<KeyValuePair<string, DateTimeOffset>> Refilled(IReadOnlyList<RepairWorkItem> plan, IReadOnlyDictionary<string, DateTimeOffset> rebuilding)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rebuilding);
        var refilled = new List<KeyValuePair<string, DateTimeOffset>>();
        foreach (var (node, since) in rebuilding)
        {
            var owned = plan.Where(i => i.Replicas.Contains(node, StringComparer.Ordinal)).ToList();
            if (owned.Count > 0 && owned.All(i => Find(i) is { } record && record.SyncedAt >= since))
            {
                refilled.Add(new KeyValuePair<string, DateTimeOffset>(node, since));
            }
        }

        return refilled;
    }

    /// <summary>
    /// Whether a range with a replica rebuilding since <paramref name="rebuild"/> (null: none is) that has not synced
    /// since then is due again: its last attempt is at least <paramref name="retry"/> old.
    /// </summary>
    private static bool RefillRetryDue(RepairRangeRecord record, DateTimeOffset? rebuild, DateTimeOffset now, TimeSpan retry)
    {
        if (rebuild is not { } since || record.SyncedAt is { } synced && synced >= since)
        {
            return false;
        }

        return now - record.AttemptedAt >= retry;
    }

    private static bool SameReplicas(IReadOnlyList<string> recorded, IReadOnlyList<string> current) =>
        recorded.Count == current.Count && recorded.All(replica => current.Contains(replica, StringComparer.Ordinal));

    private static DateTimeOffset? RebuildingSince(RepairWorkItem item, IReadOnlyDictionary<string, DateTimeOffset> rebuilding)
    {
        DateTimeOffset? latest = null;
        foreach (var replica in item.Replicas)
        {
            if (rebuilding.TryGetValue(replica, out var since) && (latest is null || since > latest))
            {
                latest = since;
            }
        }

        return latest;
    }
}
