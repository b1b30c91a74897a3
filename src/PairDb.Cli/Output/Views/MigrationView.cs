namespace PairDb.Cli.Output.Views;

/// <summary>
/// A data migration's state as GetMigrationStatus reports it (times in Unix seconds, 0 = not yet), with the coordinator
/// that runs it.
/// </summary>
public sealed record MigrationView(
    string MigrationId,
    string Type,
    string NodeId,
    string Status,
    string Phase,
    long KeysMigrated,
    long TotalKeys,
    double Percentage,
    long StartedAt,
    long EstimatedCompletion,
    long FinishedAt,
    string FailureReason,
    string Owner);
