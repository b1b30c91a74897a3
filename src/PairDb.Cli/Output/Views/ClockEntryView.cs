namespace PairDb.Cli.Output.Views;

/// <summary>One vector-clock entry: a coordinator and its counter.</summary>
public sealed record ClockEntryView(string CoordinatorNodeId, long LogicalTimestamp);
