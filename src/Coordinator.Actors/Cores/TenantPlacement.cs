namespace PairDb.Actors.Cores;

/// <summary>A tenant's replication factor before and after a membership or replication-factor change.</summary>
public readonly record struct TenantPlacement(string TenantId, int ReplicationFactorBefore, int ReplicationFactorAfter);
