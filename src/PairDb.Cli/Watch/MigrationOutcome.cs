namespace PairDb.Cli.Watch;

/// <summary>Where a migration stands, read from its status text.</summary>
public enum MigrationOutcome
{
    /// <summary>Pending, in progress, or a status this CLI does not know: keep watching.</summary>
    Running,
    Completed,
    Failed,
    Cancelled,
}
