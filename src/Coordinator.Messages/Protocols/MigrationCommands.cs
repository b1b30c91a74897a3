using PairDb.Messages.Values;

namespace PairDb.Messages.Protocols;

/// <summary>
/// Ask the migration singleton (through its proxy, so possibly on another coordinator): start a migration; replies
/// <see cref="MigrationAccepted"/> or <see cref="MigrationRefused"/>.
/// </summary>
public sealed record StartMigration(MigrationRequest Request);

/// <summary>A membership or replication-factor change an operator asked for.</summary>
public abstract record MigrationRequest;

/// <summary>Join <paramref name="Node"/>: stream it the ranges it will own, then make it active.</summary>
public sealed record AddNodeRequest(StorageNode Node) : MigrationRequest;

/// <summary>Remove a node: with <paramref name="Force"/> at once (no streaming), else after handing its ranges over.</summary>
public sealed record RemoveNodeRequest(string NodeId, bool Force) : MigrationRequest;

/// <summary>Change a tenant's replication factor, streaming data to new replicas first when it grows.</summary>
public sealed record ChangeFactorRequest(string TenantId, int ReplicationFactor) : MigrationRequest;

/// <summary>
/// The change was accepted. <paramref name="Migration"/> is null when no data had to move (a forced removal, or a
/// factor set to its current value); <paramref name="Message"/> says what happens next.
/// </summary>
public sealed record MigrationAccepted(MigrationRecord? Migration, string Message);

/// <summary>The change was refused; nothing was changed.</summary>
public sealed record MigrationRefused(MigrationRefusal Reason, string Message);

/// <summary>Why a change was refused (the edge maps each to a gRPC status).</summary>
public enum MigrationRefusal
{
    NotFound,
    AlreadyExists,
    FailedPrecondition,
}
