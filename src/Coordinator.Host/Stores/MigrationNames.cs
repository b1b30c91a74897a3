using PairDb.Messages.Values;

namespace PairDb.Coordinator.Stores;

/// <summary>The stored (and wire) text of migration types, statuses and phases, shared by every metadata store and the edge.</summary>
public static class MigrationNames
{
    public static string ToName(MigrationType type) => type switch
    {
        MigrationType.AddNode => "add_node",
        MigrationType.RemoveNode => "remove_node",
        MigrationType.ReplicationFactor => "replication_factor",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown migration type."),
    };

    public static MigrationType ParseType(string name) => name switch
    {
        "add_node" => MigrationType.AddNode,
        "remove_node" => MigrationType.RemoveNode,
        "replication_factor" => MigrationType.ReplicationFactor,
        _ => throw new InvalidDataException($"Unknown migration type '{name}' in the metadata store."),
    };

    public static string ToName(MigrationStatus status) => status switch
    {
        MigrationStatus.Pending => "pending",
        MigrationStatus.InProgress => "in_progress",
        MigrationStatus.Completed => "completed",
        MigrationStatus.Failed => "failed",
        MigrationStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown migration status."),
    };

    public static MigrationStatus ParseStatus(string name) => name switch
    {
        "pending" => MigrationStatus.Pending,
        "in_progress" => MigrationStatus.InProgress,
        "completed" => MigrationStatus.Completed,
        "failed" => MigrationStatus.Failed,
        "cancelled" => MigrationStatus.Cancelled,
        _ => throw new InvalidDataException($"Unknown migration status '{name}' in the metadata store."),
    };

    public static string ToName(MigrationPhase phase) => phase switch
    {
        MigrationPhase.Settling => "settling",
        MigrationPhase.Streaming => "streaming",
        MigrationPhase.Switching => "switching",
        MigrationPhase.Cleanup => "cleanup",
        MigrationPhase.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown migration phase."),
    };

    public static MigrationPhase ParsePhase(string name) => name switch
    {
        "settling" => MigrationPhase.Settling,
        "streaming" => MigrationPhase.Streaming,
        "switching" => MigrationPhase.Switching,
        "cleanup" => MigrationPhase.Cleanup,
        "done" => MigrationPhase.Done,
        _ => throw new InvalidDataException($"Unknown migration phase '{name}' in the metadata store."),
    };
}
