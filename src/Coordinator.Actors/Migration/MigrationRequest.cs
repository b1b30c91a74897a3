using PairDb.Messages.Values;

namespace PairDb.Actors.Migration;

/// <summary>A membership or replication-factor change an operator asked for.</summary>
public abstract record MigrationRequest;

/// <summary>Join <paramref name="Node"/>: stream it the ranges it will own, then make it active.</summary>
public sealed record AddNodeRequest(StorageNode Node) : MigrationRequest;

/// <summary>Remove a node: with <paramref name="Force"/> at once (no streaming), else after handing its ranges over.</summary>
public sealed record RemoveNodeRequest(string NodeId, bool Force) : MigrationRequest;

/// <summary>Change a tenant's replication factor, streaming data to new replicas first when it grows.</summary>
public sealed record ChangeFactorRequest(string TenantId, int ReplicationFactor) : MigrationRequest;
