using PairDb.Messages.Values;

namespace PairDb.Actors.Quorum;

/// <summary>
/// What one read aggregator does: read the key from these replicas until <paramref name="Required"/> of those not in
/// <paramref name="Rebuilding"/> answered. The rebuilding replicas (ids) lead <paramref name="Replicas"/>; they are asked
/// and repaired but never counted (<see cref="Cores.ReadQuorumPlan"/>).
/// </summary>
public sealed record ReadAggregation(string TenantId, string Key, StorageNode[] Replicas, int Required, DateTime DeadlineUtc, string[]? Rebuilding = null);
