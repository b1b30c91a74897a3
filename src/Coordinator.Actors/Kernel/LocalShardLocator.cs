namespace PairDb.Actors.Kernel;

/// <summary>Default placement: every shard of the region runs in this process.</summary>
public sealed class LocalShardLocator : IShardLocator
{
    private LocalShardLocator()
    {
    }

    public static LocalShardLocator Instance { get; } = new();

    public IActorRef Locate(ShardRegion region, int shardId)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.LocalShard(shardId);
    }
}
