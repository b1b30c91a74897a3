namespace PairDb.Cli.Output.Views;

/// <summary>`cluster shards`: the shard region's members with their shards, and the totals over all of them.</summary>
public sealed record ClusterShardsView(string TypeName, int ShardCount, long EntityCount, IReadOnlyList<ClusterRegionView> Regions);
