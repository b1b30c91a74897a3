using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// Stamps a new version of a key from the versions it replaces. The only place a vector clock is incremented:
/// the key actor calls it once per write, after reading the current siblings.
/// </summary>
public static class WriteStamp
{
    /// <summary>
    /// New clock = merge of the existing siblings' clocks, plus one for <paramref name="coordinatorId"/>, pruned to
    /// <paramref name="maxClockEntries"/> keeping the coordinator. Timestamp = max(now, winner + 1 µs), so even with a
    /// clock that runs behind, the new version sorts after every sibling under last-write-wins — which also decides
    /// the rare case where pruning leaves the new clock concurrent with an old sibling instead of dominating it.
    /// With <paramref name="ttlMillis"/> &gt; 0 the version expires that long after its timestamp (0: never).
    /// </summary>
    public static VersionedValue Stamp(
        IReadOnlyList<VersionedValue> existingSiblings,
        string coordinatorId,
        ReadOnlyMemory<byte> value,
        bool tombstone,
        long ttlMillis,
        long nowMicros,
        int maxClockEntries)
    {
        ArgumentNullException.ThrowIfNull(existingSiblings);
        ArgumentException.ThrowIfNullOrEmpty(coordinatorId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClockEntries, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(ttlMillis);
        var clock = SiblingSet.MergedClock(existingSiblings)
            .Increment(coordinatorId)
            .Prune(maxClockEntries, coordinatorId);
        var timestamp = nowMicros;
        if (existingSiblings.Count > 0)
        {
            timestamp = Math.Max(timestamp, SiblingSet.Winner(existingSiblings).TimestampMicros + 1);
        }

        var expiresAt = ttlMillis > 0 ? checked(timestamp + (ttlMillis * 1000)) : 0;
        return new VersionedValue(value, clock, timestamp, coordinatorId, tombstone, expiresAt);
    }
}
