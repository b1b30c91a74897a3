namespace PairDb.Cli.Output.Views;

/// <summary>`cluster members`: every coordinator of the cluster, as the one asked sees it.</summary>
public sealed record ClusterMemberListView(IReadOnlyList<ClusterMemberView> Members);
