using FluentAssertions;
using PairDb.Actors.Kernel;
using PairDb.Actors.Tests.Kernel.Support;

namespace PairDb.Actors.Tests.Kernel;

public sealed class ShardRegionBoundTests
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Ask_AtBoundAndEveryEntityBusy_RefusedAtOnceWithRegionFullException()
    {
        // Arrange: two live entities, both with a write in flight.
        await using var env = new RegionEnvironment(maxLiveEntities: 2);
        var write = new TaskCompletionSource<int>();
        await env.Region.Ask<string>(new BeginWrite("t", "a", write.Task), AskTimeout).WithinBound();
        await env.Region.Ask<string>(new BeginWrite("t", "b", write.Task), AskTimeout).WithinBound();

        // Act
        var ask = env.Region.Ask<EntityReply>(new Touch("t", "c"), AskTimeout);
        var tell = env.Region.Tell(new Touch("t", "c"));

        // Assert
        ask.IsFaulted.Should().BeTrue();
        var error = await ask.Awaiting(t => t).Should().ThrowAsync<RegionFullException>();
        error.Which.MaxLiveEntities.Should().Be(2);
        tell.Should().Be(TellResult.RegionFull);
        env.Region.RefusedTotal.Should().Be(2);
        env.Region.LiveEntities.Should().Be(2);
        env.Region.PassivatedTotal.Should().Be(0);
        write.SetResult(1);
    }

    [Fact]
    public async Task Ask_AtBoundWithAnIdleEntity_IdleEntityPassivatedToMakeRoom()
    {
        // Arrange: "a" is busy with a write, "b" is idle.
        await using var env = new RegionEnvironment(maxLiveEntities: 2);
        var write = new TaskCompletionSource<int>();
        await env.Region.Ask<string>(new BeginWrite("t", "a", write.Task), AskTimeout).WithinBound();
        var idle = await env.Region.Ask<EntityReply>(new Touch("t", "b"), AskTimeout).WithinBound();

        // Act: "b" becomes evictable once its loop is back between messages, a moment after its reply.
        await Bounded.UntilAsync(() => env.Region.Tell(new Touch("t", "c")) == TellResult.Delivered);
        var reply = await env.Region.Ask<EntityReply>(new Touch("t", "c"), AskTimeout).WithinBound();

        // Assert: "b" made room; busy "a" kept its write and still gets its result.
        reply.Key.Should().Be(new EntityKey("t", "c"));
        env.Region.PassivatedTotal.Should().Be(1);
        env.Region.LiveEntities.Should().Be(2);
        write.SetResult(5);
        (await env.Probe.ExpectUntilAsync<WorkDone>()).Result.Should().Be(5);
        (await env.Region.Ask<EntityReply>(new Touch("t", "a"), AskTimeout).WithinBound()).Instance.Should().Be(1);
        idle.Instance.Should().Be(2);
    }

    [Fact]
    public async Task Ask_ManyNewKeysAtOnceAtTheBound_EachMakesRoomAndNoneIsRefused()
    {
        // Arrange: the region is full of idle entities.
        await using var env = new RegionEnvironment(maxLiveEntities: 50);
        for (var i = 0; i < 50; i++)
        {
            await env.Region.Ask<EntityReply>(new Touch("t", "seed" + i), AskTimeout).WithinBound();
        }

        // Act: eight senders create 200 new keys each, one at a time, so at most 16 entities are ever busy
        // (eight handling a message, eight just back from one) and at least 34 can always make room.
        var senders = Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await env.Region.Ask<EntityReply>(new Touch("t", $"new{sender}-{i}"), AskTimeout);
            }
        }));
        await Task.WhenAll(senders).WithinBound();

        // Assert: every creation took an evicted entity's slot; none was refused and the bound held.
        env.Region.RefusedTotal.Should().Be(0);
        env.Region.PassivatedTotal.Should().Be(1_600);
        env.Region.LiveEntities.Should().Be(50);
    }
}
