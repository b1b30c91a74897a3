using PairDb.Actors.Cores;
using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>
/// Calls to storage replicas, as values: every method completes (never throws for a replica's failure), so
/// quorum aggregators count failures the same way whatever went wrong.
/// </summary>
public interface IReplicaClient
{
    Task<ReplicaReadReply> ReadAsync(StorageNode node, string tenantId, string key, TimeSpan timeout, CancellationToken cancellationToken);

    Task<ReplicaWriteResult> WriteAsync(StorageNode node, string tenantId, string key, VersionedValue version, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// A conditional write: the replica stores <paramref name="version"/> only if its clock strictly dominates every
    /// version it holds for the key (or it holds none); a replica already holding this very version acknowledges it as
    /// a duplicate; otherwise it changes nothing and the result is a
    /// <see cref="ReplicaWriteResult.IsConflict"/> carrying the stored versions.
    /// </summary>
    Task<ReplicaWriteResult> WriteIfDominatesAsync(StorageNode node, string tenantId, string key, VersionedValue version, TimeSpan timeout, CancellationToken cancellationToken);

    Task<ReplicaWriteResult> RepairAsync(StorageNode node, string tenantId, string key, IReadOnlyList<VersionedValue> versions, TimeSpan timeout, CancellationToken cancellationToken);

    Task<ReplicaHealth> CheckHealthAsync(StorageNode node, TimeSpan timeout, CancellationToken cancellationToken);
}
