using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using FluentAssertions;
using PairDb.Coordinator.Edge;

namespace PairDb.Coordinator.Tests.Edge;

/// <summary>GetClusterShards' answer from the shard coordinator's statistics.</summary>
public sealed class ClusterShardsTests
{
    private static readonly Address Self = new("akka.tcp", "pairdb", "10.0.0.1", 4053);

    [Fact]
    public void Describe_LocalAndRemoteRegions_OrderedByAddressAndShardWithCountsAndFailures()
    {
        // Arrange: the local region is reported by a local address (no host); shard ids as the extractor makes them.
        var stats = new ClusterShardingStats(ImmutableDictionary<Address, ShardRegionStats>.Empty
            .Add(new Address("akka.tcp", "pairdb", "10.0.0.2", 4053), new ShardRegionStats(
                ImmutableDictionary<string, int>.Empty.Add("10", 3).Add("9", 1), ImmutableHashSet.Create("42")))
            .Add(new Address("akka", "pairdb"), new ShardRegionStats(ImmutableDictionary<string, int>.Empty.Add("7", 5), ImmutableHashSet<string>.Empty)));

        // Act
        var response = ClusterShards.Describe(stats, Self, "keys");

        // Assert
        response.Success.Should().BeTrue();
        response.TypeName.Should().Be("keys");
        response.Regions.Select(static r => r.Address).Should().Equal("10.0.0.1:4053", "10.0.0.2:4053");
        response.Regions[0].Shards.Select(static s => (s.ShardId, s.EntityCount)).Should().Equal(("7", 5));
        response.Regions[1].Shards.Select(static s => (s.ShardId, s.EntityCount)).Should().Equal(("9", 1), ("10", 3));
        response.Regions[1].FailedShardIds.Should().Equal("42");
    }

    [Fact]
    public void Describe_RegionWithoutShards_ListedEmpty()
    {
        // Arrange
        var stats = new ClusterShardingStats(ImmutableDictionary<Address, ShardRegionStats>.Empty
            .Add(Self, new ShardRegionStats(ImmutableDictionary<string, int>.Empty, ImmutableHashSet<string>.Empty)));

        // Act
        var response = ClusterShards.Describe(stats, Self, "keys");

        // Assert
        response.Regions.Should().ContainSingle().Which.Shards.Should().BeEmpty();
    }
}
