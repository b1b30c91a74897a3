using PairDb.Messages.Values;

namespace PairDb.Actors.Ports;

/// <summary>
/// Cluster metadata: tenants, storage nodes (and their database identities), migrations and anti-entropy progress.
/// The embedded implementation is SQLite, the production one PostgreSQL; both pass the same contract tests.
/// </summary>
public interface IMetadataStore : IMigrationStore, IRepairStore, INodeIdentityStore
{
    /// <summary>Creates or upgrades the schema (idempotent, versioned).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>One cheap round trip to the backing store (readiness probes); throws when the store does not answer.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    Task<Tenant?> GetTenantAsync(string tenantId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken);

    /// <summary>Creates the tenant; null when one with that id already exists.</summary>
    Task<Tenant?> CreateTenantAsync(string tenantId, int replicationFactor, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the tenant's replication factor and bumps its version, stamping <paramref name="now"/> as updated_at;
    /// with <paramref name="expectedVersion"/> it writes only if the stored version is that one (optimistic update).
    /// </summary>
    Task<ReplicationFactorUpdate> UpdateReplicationFactorAsync(
        string tenantId, int newReplicationFactor, long? expectedVersion, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<StorageNode>> ListStorageNodesAsync(CancellationToken cancellationToken);

    /// <summary>Adds the node; false when one with that id already exists.</summary>
    Task<bool> AddStorageNodeAsync(StorageNode node, CancellationToken cancellationToken);

    /// <summary>Replaces a node's address, weight and status; false when it does not exist.</summary>
    Task<bool> UpdateStorageNodeAsync(StorageNode node, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the tenant's own rate limits (null: none, so the configured defaults apply), bumps its version and stamps
    /// <paramref name="now"/> as updated_at; returns the tenant as stored, or null when there is no such tenant.
    /// </summary>
    Task<Tenant?> SetTenantRateLimitsAsync(string tenantId, TenantRateLimits? limits, DateTimeOffset now, CancellationToken cancellationToken);
}
