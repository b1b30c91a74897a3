namespace PairDb.Cli.Output.Views;

/// <summary>One shard of the key region and its live key actors.</summary>
public sealed record ClusterShardView(string ShardId, int EntityCount);
