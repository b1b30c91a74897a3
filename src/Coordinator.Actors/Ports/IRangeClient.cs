using PairDb.Messages.Ring;
using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>
/// Range calls to storage nodes for data movement and anti-entropy: ranges are half-open ring intervals (start, end], wrapping,
/// start == end meaning the whole ring, of one tenant. Unlike <see cref="IReplicaClient"/>, failures throw
/// <see cref="RangeCallException"/>: a migration step either completes or is retried as a whole.
/// </summary>
public interface IRangeClient
{
    /// <summary>Every key of the range, in batches, clockwise; writes may go on meanwhile.</summary>
    IAsyncEnumerable<IReadOnlyList<RangeRecord>> ScanAsync(
        StorageNode node, string tenantId, ulong start, ulong end, int batchSize, TimeSpan idleTimeout, CancellationToken cancellationToken);

    /// <summary>How many keys the node holds in the range.</summary>
    Task<long> CountAsync(StorageNode node, string tenantId, ulong start, ulong end, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Physically removes the range's keys from the node; returns how many.</summary>
    Task<long> PurgeAsync(StorageNode node, string tenantId, ulong start, ulong end, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Anti-entropy: the digests of the listed tenants' keys in the range cut into <paramref name="leaves"/> equal arcs
    /// (<see cref="RingLeaves"/>), in ring order.
    /// </summary>
    Task<IReadOnlyList<LeafDigest>> DigestAsync(
        StorageNode node, RingRange range, IReadOnlyList<string> tenantIds, int leaves, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Anti-entropy, after a pass found the range's replicas in agreement: removes the listed tenants' versions that
    /// expired at or before <paramref name="cutoffMicros"/> and their tombstone-only keys stamped at or before it;
    /// returns the keys removed.
    /// </summary>
    Task<long> CollectTombstonesAsync(
        StorageNode node, RingRange range, IReadOnlyList<string> tenantIds, long cutoffMicros, TimeSpan timeout, CancellationToken cancellationToken);
}
