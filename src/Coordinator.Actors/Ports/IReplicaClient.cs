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

    Task<ReplicaWriteResult> RepairAsync(StorageNode node, string tenantId, string key, IReadOnlyList<VersionedValue> versions, TimeSpan timeout, CancellationToken cancellationToken);

    Task<ReplicaHealth> CheckHealthAsync(StorageNode node, TimeSpan timeout, CancellationToken cancellationToken);
}
