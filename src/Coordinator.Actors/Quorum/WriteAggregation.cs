using PairDb.Messages.Values;

namespace PairDb.Actors.Quorum;

/// <summary>What one write aggregator does: store <paramref name="Version"/> on these replicas until W acknowledged.</summary>
public sealed record WriteAggregation(string TenantId, string Key, StorageNode[] Replicas, int Required, VersionedValue Version, DateTime DeadlineUtc);
