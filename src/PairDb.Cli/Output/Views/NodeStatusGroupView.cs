namespace PairDb.Cli.Output.Views;

/// <summary>The storage nodes that share one status.</summary>
public sealed record NodeStatusGroupView(string Status, int Count, IReadOnlyList<string> NodeIds);
