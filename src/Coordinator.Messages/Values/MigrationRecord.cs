namespace PairDb.Messages.Values;

/// <summary>
/// A persisted data migration: what it changes (<paramref name="NodeId"/> for node changes,
/// <paramref name="TenantId"/>, <paramref name="PreviousReplicationFactor"/> and target <paramref name="ReplicationFactor"/>
/// for factor changes), where it is, and
/// which coordinator runs it (<paramref name="Owner"/> holds it until <paramref name="LeaseUntil"/>, so another
/// coordinator takes over only after the owner stopped renewing).
/// </summary>
public sealed record MigrationRecord(
    string Id,
    MigrationType Type,
    string NodeId,
    string TenantId,
    int PreviousReplicationFactor,
    int ReplicationFactor,
    MigrationStatus Status,
    MigrationPhase Phase,
    long KeysMigrated,
    long TotalKeys,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? SwitchedAt,
    string? Error,
    string? Owner,
    DateTimeOffset? LeaseUntil)
{
    /// <summary>Pending or in progress.</summary>
    public bool IsActive => Status is MigrationStatus.Pending or MigrationStatus.InProgress;
}
