namespace PairDb.Messages.Values;

/// <summary>Lifecycle of a data migration.</summary>
public enum MigrationStatus
{
    Pending,
    InProgress,
    Completed,
    Failed,
    Cancelled,
}
