namespace PairDb.Cli.Output.Views;

/// <summary>`node add|remove|drain`: what the coordinator started, plus the final migration state when watched.</summary>
public sealed record NodeChangeView(
    string Action,
    string NodeId,
    string MigrationId,
    string Message,
    long EstimatedCompletion,
    MigrationView? Migration);
