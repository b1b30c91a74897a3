using FluentAssertions;
using PairDb.Actors.Kernel;
using PairDb.Actors.Tests.Kernel.Support;

namespace PairDb.Actors.Tests.Kernel;

public sealed class ShardRegionRoutingTests
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Ask_FirstMessageForKey_CreatesEntity()
    {
        // Arrange
        await using var env = new RegionEnvironment();
        var before = env.Region.LiveEntities;

        // Act
        var reply = await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound();

        // Assert
        before.Should().Be(0);
        reply.Should().Be(new EntityReply(1, new EntityKey("t", "k")));
        env.Region.LiveEntities.Should().Be(1);
    }

    [Fact]
    public async Task Ask_SameKeyAgain_SameEntity()
    {
        // Arrange
        await using var env = new RegionEnvironment();
        var first = await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound();

        // Act
        var second = await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound();

        // Assert
        second.Should().Be(first);
        env.Instances.Should().Be(1);
    }

    [Fact]
    public async Task Ask_DifferentTenantsOrKeys_DifferentEntities()
    {
        // Arrange
        await using var env = new RegionEnvironment();

        // Act
        var a = await env.Region.Ask<EntityReply>(new Touch("t", "a"), AskTimeout).WithinBound();
        var b = await env.Region.Ask<EntityReply>(new Touch("t", "b"), AskTimeout).WithinBound();
        var c = await env.Region.Ask<EntityReply>(new Touch("u", "a"), AskTimeout).WithinBound();

        // Assert
        new[] { a.Instance, b.Instance, c.Instance }.Should().OnlyHaveUniqueItems();
        c.Key.Should().Be(new EntityKey("u", "a"));
        env.Region.LiveEntities.Should().Be(3);
    }

    [Fact]
    public async Task Tell_MessageWithoutTenantKey_ThrowsArgumentException()
    {
        // Arrange
        await using var env = new RegionEnvironment();

        // Act
        var act = () => env.Region.Tell("no routing key");

        // Assert
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Ask_CustomLocator_RouteGoesThroughLocatorWithStableShard()
    {
        // Arrange
        var locator = new RecordingLocator();
        await using var env = new RegionEnvironment(locator: locator);

        // Act
        var reply = await env.Region.Ask<EntityReply>(new Touch("default", "user:42"), AskTimeout).WithinBound();

        // Assert
        reply.Instance.Should().Be(1);
        locator.Located.Should().Equal(77);
    }

    [Fact]
    public async Task StopEntity_EntityStopsItself_SlotFreedAndNextMessageCreatesNewEntity()
    {
        // Arrange
        await using var env = new RegionEnvironment();
        await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound();

        // Act
        env.Region.Tell(new StopEntity("t", "k")).Should().Be(TellResult.Delivered);
        await Bounded.UntilAsync(() => env.Region.LiveEntities == 0);
        var reply = await env.Region.Ask<EntityReply>(new Touch("t", "k"), AskTimeout).WithinBound();

        // Assert
        reply.Instance.Should().Be(2);
        env.Region.PassivatedTotal.Should().Be(0);
    }

    /// <summary>Keeps shards local but records which shard each message was routed to.</summary>
    private sealed class RecordingLocator : IShardLocator
    {
        public List<int> Located { get; } = [];

        public IActorRef Locate(ShardRegion region, int shardId)
        {
            Located.Add(shardId);
            return LocalShardLocator.Instance.Locate(region, shardId);
        }
    }
}
