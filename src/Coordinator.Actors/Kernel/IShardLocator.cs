namespace PairDb.Actors.Kernel;

/// <summary>
/// The one seam deciding where a shard lives. The default keeps every shard in this process; a later
/// placement can return a reference to the shard on another coordinator.
/// </summary>
public interface IShardLocator
{
    IActorRef Locate(ShardRegion region, int shardId);
}
