using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using PairDb.Protocol.Coordinator;

namespace PairDb.Coordinator.Edge;

/// <summary>GetClusterShards' answer from one <see cref="ClusterShardingStats"/>: per member, its shards with their entity counts.</summary>
public static class ClusterShards
{
    /// <param name="stats">What the shard coordinator collected from every region.</param>
    /// <param name="self">This member's address: the shard coordinator reports a region on its own node by a local address.</param>
    /// <param name="typeName">The shard region's type name.</param>
    public static GetClusterShardsResponse Describe(ClusterShardingStats stats, Address self, string typeName)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(self);
        var regions = new List<ClusterShardRegion>(stats.Regions.Count);
        foreach (var (address, region) in stats.Regions)
        {
            var described = new ClusterShardRegion { Address = ClusterAddresses.Format(address.HasLocalScope ? self : address) };
            foreach (var (shardId, entities) in region.Stats.OrderBy(static s => s.Key, ShardIdOrder.Instance))
            {
                described.Shards.Add(new ClusterShard { ShardId = shardId, EntityCount = entities });
            }

            if (region.Failed is { } failed)
            {
                described.FailedShardIds.AddRange(failed.Order(ShardIdOrder.Instance));
            }

            regions.Add(described);
        }

        regions.Sort(static (a, b) => string.CompareOrdinal(a.Address, b.Address));
        return new GetClusterShardsResponse { Success = true, TypeName = typeName, Regions = { regions } };
    }

    /// <summary>Numeric shard ids (ours are 0..99) in numeric order, anything else after them in ordinal order.</summary>
    private sealed class ShardIdOrder : IComparer<string>
    {
        public static readonly ShardIdOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var xNumber = int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var a);
            var yNumber = int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var b);
            return (xNumber, yNumber) switch
            {
                (true, true) => a.CompareTo(b),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(x, y),
            };
        }
    }
}
