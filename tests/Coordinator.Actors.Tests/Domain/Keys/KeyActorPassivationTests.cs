using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using FluentAssertions;
using PairDb.Actors.Hints;
using PairDb.Actors.Keys;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>
/// Key actors as entities of a real one-node cluster's shard region, started as production starts it
/// (<see cref="KeyShards.StartRegion"/>): idle ones are passivated, and StopKey (idle passivation or hand-off) stops
/// an actor only once its round has ended, so every write sent is answered. The region runs on the real scheduler
/// (sharding does not work on a TestScheduler), so the idle timeout is short and waits are bounded conditions.
/// </summary>
public sealed class KeyActorPassivationTests : DomainSpec
{
    /// <summary>
    /// Passivation is checked every half idle timeout, so an idle actor is asked to stop within about 1.5 s. Debug
    /// level with sharding's verbose logging lets a spec see the moment the shard starts passivating an entity.
    /// </summary>
    private static readonly Config ClusterConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = DEBUG
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.cluster.sharding.passivate-idle-entity-after = 1s
        akka.cluster.sharding.verbose-debug-logging = on
        """);

    /// <summary>Generous bound for the cluster to form and for idle passivation on a loaded machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static readonly string EntityId = KeyShards.EntityId(TestData.Tenant, TestData.Key);

    public KeyActorPassivationTests()
        : base(ClusterConfig)
    {
    }

    [Fact]
    public async Task IdleTimeout_AfterTheWriteCompleted_PassivatedAndTheNextWriteContinuesTheClock()
    {
        // Arrange
        var region = await StartRegionAsync();
        var first = await region.Ask<WriteReply>(Write("v1"), AskTimeout).SucceedsAsync();
        KeyCounters.Live.Should().Be(1);

        // Act: nothing is sent to the key for longer than the idle timeout.
        await AwaitAssertAsync(() => KeyCounters.Live.Should().Be(0), Bound);

        // Assert: stopped on the region's request; a new incarnation reads the replicas and stamps past the first clock.
        KeyCounters.Stopped.Should().Be(1);
        var next = await region.Ask<WriteReply>(Write("v2"), AskTimeout).SucceedsAsync();
        next.Clock.Dominates(first.Clock).Should().BeTrue();
        next.Clock.Get(TestData.CoordinatorId).Should().Be(2);
        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(6, "the new incarnation had no context, so it read first");
        KeyCounters.Live.Should().Be(1);
    }

    [Fact]
    public async Task IdleTimeout_LastStampCached_TheNextActorWritesConditionallyFromItWithoutReading()
    {
        // Arrange
        var region = await StartRegionAsync(lastStamps: new LastStampCache(capacity: 10));
        var first = await region.Ask<WriteReply>(Write("v1"), AskTimeout).SucceedsAsync();
        await AwaitAssertAsync(() => KeyCounters.Live.Should().Be(0), Bound);

        // Act
        var next = await region.Ask<WriteReply>(Write("v2"), AskTimeout).SucceedsAsync();

        // Assert: the new incarnation took the stopped one's stamp, read nothing, and continued its clock.
        next.Clock.Get(TestData.CoordinatorId).Should().Be(first.Clock.Get(TestData.CoordinatorId) + 1);
        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(3, "only the first incarnation read the key");
        (KeyCounters.FromLastStamp, KeyCounters.ReadFirst).Should().Be((1, 1));
    }

    [Fact]
    public async Task IdleTimeout_RoundInFlight_NotStoppedUntilTheRoundEndsAndTheWriteIsAnswered()
    {
        // Arrange: the write's replica calls are held open; its deadline is far beyond the idle timeout.
        var region = await StartRegionAsync();
        var passivations = CreateTestProbe();
        Sys.EventStream.Subscribe(passivations.Ref, typeof(Akka.Event.Debug));
        Replicas.Hold(ReplicaCallKind.Write);
        var write = region.Ask<WriteReply>(Write("v1", deadline: Deadline(TimeSpan.FromMinutes(10))), AskTimeout + Bound);
        var calls = await Replicas.TakeHeldAsync(3);
        var entity = await EntityAsync();

        // Act: the region finds the actor idle (nothing was sent to it since the write) and asks it to stop.
        await passivations.FishForMessageAsync(
            message => message is Akka.Event.Debug debug && $"{debug.Message}".Contains($"Passivation started for [{EntityId}]", StringComparison.Ordinal),
            Bound);

        // Assert: the shard has sent StopKey (it does so in the same step that logged), the actor has taken it (an
        // Identify sent after it is answered by the live actor), and it still holds the write.
        await ShardOfAsync(entity);
        await AssertAliveAsync(entity);
        write.IsCompleted.Should().BeFalse();
        (KeyCounters.Live, KeyCounters.Stopped).Should().Be((1, 0));

        // Once the replicas answer, the write succeeds (PostStop would have answered it failed) and the actor stops.
        Replicas.Release(ReplicaCallKind.Write);
        foreach (var call in calls)
        {
            Replicas.Complete(call);
        }

        (await write.SucceedsAsync()).ReplicaCount.Should().BeGreaterThanOrEqualTo(2);
        await AwaitAssertAsync(() => (KeyCounters.Live, KeyCounters.Stopped).Should().Be((0, 1)), Bound);
    }

    [Fact]
    public async Task IdleTimeout_WriteAnsweredButOneReplicaStillSilent_PassivatedAndThatReplicaIsHinted()
    {
        // Arrange: two replicas acknowledge, the third holds its call; the deadline is far beyond the idle timeout,
        // so the write's aggregator is still waiting for that straggler when the key goes idle.
        var hints = CreateTestProbe("hints");
        var region = await StartRegionAsync(hints: hints.Ref);
        Replicas.Hold(ReplicaCallKind.Write);
        var write = region.Ask<WriteReply>(Write("v1", deadline: Deadline(TimeSpan.FromMinutes(10))), AskTimeout + Bound);
        var calls = await Replicas.TakeHeldAsync(3);
        Replicas.Complete(calls[0]);
        Replicas.Complete(calls[1]);
        var written = await write.SucceedsAsync();

        // Act: nothing more is sent to the key; the region passivates it, which stops its aggregator too.
        await AwaitAssertAsync(() => KeyCounters.Live.Should().Be(0), Bound);

        // Assert: the silent replica gets a hint of the acknowledged version, as it would at the deadline.
        var hint = await hints.ExpectMsgAsync<StoreHint>(Bound);
        hint.TargetNodeId.Should().Be(calls[2].NodeId);
        hint.Version.Clock.Should().Be(written.Clock);
        await hints.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Passivate_RoundInFlightAndAWriteQueued_StopsOnlyOnceBothAreAnsweredAndLaterWritesAreServed()
    {
        // Arrange: a capacity-1 key; a round waits on its replica writes and one write waits behind it (a third is
        // refused Overloaded, which proves the second is queued in the actor, not still on its way). The three are
        // sent back to back, so the shard delivers them together, long before the actor could look idle.
        var region = await StartRegionAsync(queueCapacity: 1);
        Replicas.Hold(ReplicaCallKind.Write);
        var deadline = Deadline(TimeSpan.FromMinutes(10));
        var first = region.Ask<WriteReply>(Write("v1", deadline: deadline), AskTimeout + Bound);
        var queued = region.Ask<WriteReply>(Write("v2", deadline: deadline), AskTimeout + Bound);
        var refused = region.Ask<WriteReply>(Write("v3", deadline: deadline), AskTimeout);
        (await refused.FailsAsync()).Kind.Should().Be(FailureKind.Overloaded);
        var calls = await Replicas.TakeHeldAsync(3);
        var entity = await EntityAsync();

        // Act: the shard passivates the actor (it sends StopKey, as for an idle actor or a hand-off), and a write
        // sent meanwhile waits in the shard.
        var shard = await ShardOfAsync(entity);
        shard.Tell(new Passivate(StopKey.Instance), entity);
        await ShardOfAsync(entity);
        await AssertAliveAsync(entity);
        var later = region.Ask<WriteReply>(Write("v4", deadline: deadline), AskTimeout + Bound);

        // Assert: alive with its writes pending; once the replicas answer, both are applied (none answered from
        // PostStop), the actor stops, and the shard starts a new one for the write it held.
        first.IsCompleted.Should().BeFalse();
        queued.IsCompleted.Should().BeFalse();
        KeyCounters.Stopped.Should().Be(0);
        Replicas.Release(ReplicaCallKind.Write);
        foreach (var call in calls)
        {
            Replicas.Complete(call);
        }

        var firstClock = (await first.SucceedsAsync()).Clock;
        var queuedClock = (await queued.SucceedsAsync()).Clock;
        var laterClock = (await later.SucceedsAsync()).Clock;
        queuedClock.Dominates(firstClock).Should().BeTrue();
        laterClock.Dominates(queuedClock).Should().BeTrue();
        KeyCounters.Stopped.Should().BeGreaterThanOrEqualTo(1);
        await AwaitAssertAsync(() => KeyCounters.Live.Should().Be(0), Bound);
    }

    /// <summary>Joins this node to itself, waits until it is Up, and starts the key region as production does.</summary>
    private async Task<IActorRef> StartRegionAsync(int queueCapacity = 64, IActorRef? hints = null, LastStampCache? lastStamps = null)
    {
        var cluster = Cluster.Get(Sys);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(Bound);
        await StartRingAsync();
        return KeyShards.StartRegion(Sys, KeyServices(hints: hints) with { LastStamps = lastStamps }, queueCapacity);
    }

    /// <summary>The one live key actor, found under its shard in the region.</summary>
    private async Task<IActorRef> EntityAsync()
    {
        var identity = await Sys.ActorSelection("/system/sharding/" + KeyShards.TypeName + "/*/*").Ask<ActorIdentity>(new Identify(null), AskTimeout);
        return identity.Subject ?? throw new InvalidOperationException("No key actor is alive in the region.");
    }

    /// <summary>The entity's shard, once it has finished the message it is handling (Identify waits its turn).</summary>
    private async Task<IActorRef> ShardOfAsync(IActorRef entity)
    {
        var identity = await Sys.ActorSelection(entity.Path.Parent).Ask<ActorIdentity>(new Identify(null), AskTimeout);
        return identity.Subject ?? throw new InvalidOperationException("The key actor's shard is gone.");
    }
}
