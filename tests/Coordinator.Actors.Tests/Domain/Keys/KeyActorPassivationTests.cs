using FluentAssertions;
using PairDb.Actors.Kernel;
using PairDb.Actors.Keys;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>Key actors in a shard region, registered as production does: idle ones are passivated, busy ones never.</summary>
public sealed class KeyActorPassivationTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task IdleTimeout_WriteInFlight_NotPassivatedAndAnsweredWhenReplicasAnswer()
    {
        // Arrange: the write's replica calls are held open; its deadline is far beyond the idle timeouts.
        await using var env = new DomainEnvironment();
        var region = await StartRegionAsync(env);
        env.Replicas.Hold(ReplicaCallKind.Write);
        var write = region.Ask<WriteReply>(env.Write("v1", deadline: env.Deadline(TimeSpan.FromMinutes(10))), DomainEnvironment.AskTimeout);
        var calls = await env.Replicas.TakeHeldAsync(3);

        // Act: two idle timeouts pass with the write in flight, then the replicas answer.
        env.Time.Advance(Idle);
        env.Time.Advance(Idle);
        foreach (var call in calls)
        {
            env.Replicas.Complete(call);
        }

        // Assert: a passivated actor would have answered from PostStop with a failure instead.
        (await write.SucceedsAsync()).ReplicaCount.Should().Be(2);
        region.PassivatedTotal.Should().Be(0);
        region.LiveEntities.Should().Be(1);
    }

    [Fact]
    public async Task IdleTimeout_AfterTheWriteCompleted_PassivatedAndTheNextWriteContinuesTheClock()
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var region = await StartRegionAsync(env);
        env.Replicas.Hold(ReplicaCallKind.Write);
        var write = region.Ask<WriteReply>(env.Write("v1", deadline: env.Deadline(TimeSpan.FromMinutes(10))), DomainEnvironment.AskTimeout);
        var calls = await env.Replicas.TakeHeldAsync(3);
        env.Time.Advance(Idle);
        env.Replicas.Release(ReplicaCallKind.Write);
        foreach (var call in calls)
        {
            env.Replicas.Complete(call);
        }

        var first = await write.SucceedsAsync();

        // Act: idle time passes once the round has finished.
        await env.Time.AdvanceUntilAsync(Idle, () => region.PassivatedTotal == 1);

        // Assert: gone from the region; a new incarnation reads the replicas and stamps past the first clock.
        region.LiveEntities.Should().Be(0);
        var next = await region.Ask<WriteReply>(env.Write("v2"), DomainEnvironment.AskTimeout).SucceedsAsync();
        next.Clock.Dominates(first.Clock).Should().BeTrue();
        region.LiveEntities.Should().Be(1);
        region.PassivatedTotal.Should().Be(1);
    }

    private static async Task<ShardRegion> StartRegionAsync(DomainEnvironment env)
    {
        await env.StartRingAsync();
        var services = env.KeyServices();
        return new ShardRegion(
            env.System,
            "keys",
            entity => KeyActor.Props(entity.TenantId, entity.Key, services, mailboxCapacity: 64),
            new ShardRegionSettings { PassivateIdleAfter = Idle });
    }
}
