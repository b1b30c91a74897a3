using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>
/// Range calls to storage nodes for data movement: ranges are half-open ring intervals (start, end], wrapping,
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
}
