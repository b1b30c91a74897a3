namespace PairDb.Cli.Watch;

/// <summary>The migration status texts that end a watch (case-insensitive; "canceled" accepted too).</summary>
public static class MigrationStates
{
    public static MigrationOutcome Outcome(string status) => status.ToUpperInvariant() switch
    {
        "COMPLETED" => MigrationOutcome.Completed,
        "FAILED" => MigrationOutcome.Failed,
        "CANCELLED" or "CANCELED" => MigrationOutcome.Cancelled,
        _ => MigrationOutcome.Running,
    };

    public static bool IsTerminal(string status) => Outcome(status) != MigrationOutcome.Running;
}
