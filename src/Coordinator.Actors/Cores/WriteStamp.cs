using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PairDb.Messages.Validation;
using PairDb.Messages.Values;

namespace PairDb.Actors.Cores;

/// <summary>
/// Stamps a new version of a key from the versions it replaces. The only place a vector clock is incremented:
/// the key actor calls it once per write, after learning the current siblings.
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
        int maxClockEntries) =>
        StampOver(existingSiblings, VectorClock.Empty, coordinatorId, value, tombstone, ttlMillis, nowMicros, maxClockEntries);

    /// <summary>
    /// As <see cref="Stamp"/>, over the existing siblings and <paramref name="covered"/> as well: a client's causal
    /// context that covers every existing sibling may name versions this writer has not seen, and the new version
    /// supersedes those too.
    /// </summary>
    public static VersionedValue StampOver(
        IReadOnlyList<VersionedValue> existingSiblings,
        VectorClock covered,
        string coordinatorId,
        ReadOnlyMemory<byte> value,
        bool tombstone,
        long ttlMillis,
        long nowMicros,
        int maxClockEntries)
    {
        CheckArguments(existingSiblings, covered, coordinatorId, ttlMillis, maxClockEntries);
        var clock = SiblingSet.MergedClock(existingSiblings)
            .Merge(covered)
            .Increment(coordinatorId)
            .Prune(maxClockEntries, coordinatorId);
        var timestamp = Timestamp(existingSiblings, nowMicros);
        return new VersionedValue(value, clock, timestamp, coordinatorId, tombstone, ExpiresAt(timestamp, ttlMillis));
    }

    /// <summary>
    /// A version that supersedes exactly what <paramref name="context"/> covers and stands beside every other existing
    /// sibling: its clock is the context plus one for a branch id used by no other version (this coordinator's id and
    /// the version's timestamp, unique because a writer's timestamps only grow). Incrementing the coordinator's own
    /// entry instead would make the version dominate a sibling that this coordinator stamped after the client read,
    /// losing that write. The branch entry is kept when the clock is pruned.
    /// </summary>
    public static VersionedValue StampBeside(
        IReadOnlyList<VersionedValue> existingSiblings,
        VectorClock context,
        string coordinatorId,
        ReadOnlyMemory<byte> value,
        bool tombstone,
        long ttlMillis,
        long nowMicros,
        int maxClockEntries)
    {
        CheckArguments(existingSiblings, context, coordinatorId, ttlMillis, maxClockEntries);
        var timestamp = Timestamp(existingSiblings, nowMicros);
        var branch = BranchId(coordinatorId, timestamp);
        var clock = context.Increment(branch).Prune(maxClockEntries, branch);
        return new VersionedValue(value, clock, timestamp, coordinatorId, tombstone, ExpiresAt(timestamp, ttlMillis));
    }

    /// <summary>
    /// "coordinator~timestamp"; when that would pass the node id limit, the coordinator's part is the first 16 hex
    /// digits of its SHA-256.
    /// </summary>
    private static string BranchId(string coordinatorId, long timestampMicros)
    {
        var suffix = "~" + timestampMicros.ToString(CultureInfo.InvariantCulture);
        var id = coordinatorId + suffix;
        return Encoding.UTF8.GetByteCount(id) <= RequestLimits.MaxNodeIdBytes
            ? id
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(coordinatorId)))[..16] + suffix;
    }

    private static void CheckArguments(IReadOnlyList<VersionedValue> existingSiblings, VectorClock clock, string coordinatorId, long ttlMillis, int maxClockEntries)
    {
        ArgumentNullException.ThrowIfNull(existingSiblings);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentException.ThrowIfNullOrEmpty(coordinatorId);
        ArgumentOutOfRangeException.ThrowIfNegative(ttlMillis);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClockEntries, 1);
    }

    private static long ExpiresAt(long timestampMicros, long ttlMillis) => ttlMillis > 0 ? checked(timestampMicros + (ttlMillis * 1000)) : 0;

    private static long Timestamp(IReadOnlyList<VersionedValue> existingSiblings, long nowMicros) =>
        existingSiblings.Count == 0 ? nowMicros : Math.Max(nowMicros, SiblingSet.Winner(existingSiblings).TimestampMicros + 1);
}
