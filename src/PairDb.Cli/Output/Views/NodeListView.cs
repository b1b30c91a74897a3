namespace PairDb.Cli.Output.Views;

/// <summary>`node list`: every storage node of the ring.</summary>
public sealed record NodeListView(IReadOnlyList<NodeView> Nodes);
