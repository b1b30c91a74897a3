namespace PairDb.Messages.Values;

/// <summary>
/// A tenant: its replication factor and timestamps; <paramref name="Version"/> guards concurrent updates;
/// <paramref name="RateLimits"/> are its own rate limits, null when the configured defaults apply.
/// </summary>
public sealed record Tenant(
    string TenantId, int ReplicationFactor, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, TenantRateLimits? RateLimits = null);
