namespace PairDb.Messages.Values;

/// <summary>A tenant: its replication factor and timestamps; <paramref name="Version"/> guards concurrent updates.</summary>
public sealed record Tenant(string TenantId, int ReplicationFactor, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);
