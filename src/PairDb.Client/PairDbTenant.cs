namespace PairDb.Client;

/// <summary>A tenant: a key space with its own replication factor.</summary>
/// <param name="TenantId">The tenant's id.</param>
/// <param name="ReplicationFactor">Replicas of each of its keys.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When its replication factor last changed (its creation time when never).</param>
public sealed record PairDbTenant(string TenantId, int ReplicationFactor, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
