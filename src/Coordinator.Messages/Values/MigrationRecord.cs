namespace PairDb.Messages.Values;

/// <summary>
/// A persisted data migration: what it changes (<paramref name="NodeId"/> for node changes,
/// <paramref name="TenantId"/>, <paramref name="PreviousReplicationFactor"/> and target <paramref name="ReplicationFactor"/>
/// for factor changes), where it is, and
/// which coordinator ran it last (<paramref name="Owner"/>, written by the migration singleton wherever it runs; for
/// operators, not for coordination).
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
    string? Owner)
{
    /// <summary>Pending or in progress.</summary>
    public bool IsActive => Status is MigrationStatus.Pending or MigrationStatus.InProgress;
}
