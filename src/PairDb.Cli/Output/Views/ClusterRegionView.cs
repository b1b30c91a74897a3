namespace PairDb.Cli.Output.Views;

/// <summary>One member's part of the key region: its shards, their total entities, and shards that did not report.</summary>
public sealed record ClusterRegionView(
    string Address,
    int ShardCount,
    long EntityCount,
    IReadOnlyList<ClusterShardView> Shards,
    IReadOnlyList<string> FailedShardIds);
