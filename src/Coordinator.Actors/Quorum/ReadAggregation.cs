using PairDb.Messages.Values;

namespace PairDb.Actors.Quorum;

/// <summary>What one read aggregator does: read the key from these replicas until <paramref name="Required"/> answered.</summary>
public sealed record ReadAggregation(string TenantId, string Key, StorageNode[] Replicas, int Required, DateTime DeadlineUtc);
