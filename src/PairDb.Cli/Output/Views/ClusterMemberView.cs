namespace PairDb.Cli.Output.Views;

/// <summary>A coordinator in the Akka.NET cluster, as ListClusterMembers reports it.</summary>
public sealed record ClusterMemberView(
    string Address,
    string Status,
    IReadOnlyList<string> Roles,
    bool Reachable,
    bool Oldest,
    bool Leader,
    bool IsSelf);
