using System.Globalization;
using PairDb.Actors.Support;
using PairDb.Messages.Values;

namespace PairDb.Actors.Keys;

/// <summary>
/// The last stamps of key actors that stopped on this node (idle passivation, a hand-off), so that the key's next
/// actor here writes conditionally from it instead of reading a quorum first, as the stopped one would have. A key
/// actor takes its key's entry when it starts and puts its last stamp back when it stops, so an entry is always the
/// latest stamp this coordinator made for the key: the next stamp, made from it, is never a clock already used. An
/// entry that is stale because another coordinator wrote the key since costs what a stale last stamp costs a live
/// actor: the replicas refuse the conditional write and the round stamps again from what they hold. A key not found
/// (never written here, evicted, or the process restarted) is read first.
/// An <see cref="LruSegment{TValue}"/> without expiry: past its capacity the entry put longest ago is evicted.
/// Thread-safe: the key actors of a node share one.
/// </summary>
public sealed class LastStampCache
{
    private readonly LruSegment<VersionedValue> _stamps;

    /// <param name="capacity">Entries kept at most (at least 1).</param>
    public LastStampCache(int capacity) => _stamps = new LruSegment<VersionedValue>(capacity);

    /// <summary>Entries held now.</summary>
    public int Count => _stamps.Count;

    /// <summary>Removes and returns the key's last stamp; null when none is held.</summary>
    public VersionedValue? Take(string tenantId, string key) =>
        _stamps.TryRemove(Id(tenantId, key), out var stamp) ? stamp : null;

    /// <summary>Holds <paramref name="stamp"/> (its value is not kept) as the key's last stamp.</summary>
    public void Put(string tenantId, string key, VersionedValue stamp)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        var kept = stamp.Value.IsEmpty
            ? stamp
            : new VersionedValue(ReadOnlyMemory<byte>.Empty, stamp.Clock, stamp.TimestampMicros, stamp.CoordinatorId, stamp.Tombstone, stamp.ExpiresAtMicros);
        _stamps.Set(Id(tenantId, key), kept, long.MaxValue);
    }

    /// <summary>One string per (tenant, key); the tenant's length in front keeps any two pairs apart.</summary>
    private static string Id(string tenantId, string key) =>
        string.Concat(tenantId.Length.ToString(CultureInfo.InvariantCulture), ":", tenantId, key);
}
