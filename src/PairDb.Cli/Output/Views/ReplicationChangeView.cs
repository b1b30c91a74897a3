namespace PairDb.Cli.Output.Views;

/// <summary>`tenant set-rf`: old and new replication factor, the migration it started, and its end state when watched.</summary>
public sealed record ReplicationChangeView(
    string TenantId,
    int OldReplicationFactor,
    int NewReplicationFactor,
    string MigrationId,
    long UpdatedAt,
    MigrationView? Migration);
