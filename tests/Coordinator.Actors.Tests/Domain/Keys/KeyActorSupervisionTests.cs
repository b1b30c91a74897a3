using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>
/// What a throw inside the key actor's paths does. Replica and store calls made from async steps or aggregators
/// come back as failure values; a throw in the key actor's own handler crashes it, and its supervisor restarts it
/// (Akka's default directive, the one a shard applies to its entities): the write it held is answered as failed from
/// PostStop, never left to time out.
/// </summary>
public sealed class KeyActorSupervisionTests : DomainSpec
{
    [Fact]
    public async Task Handler_Throws_WriteAnsweredInternalAndARestartedActorServesTheNextWrite()
    {
        // Arrange: a replication factor of 0 (which the edge rejects) makes the quorum computation throw in the handler.
        var key = await SpawnKeyActorAsync();
        var broken = Write("v1") with { ReplicationFactor = 0 };

        // Act
        var crashed = await key.Ask<WriteReply>(broken, AskTimeout).FailsAsync();

        // Assert: the write fails clearly instead of hanging; one restart; the restarted actor applies a later write.
        crashed.Kind.Should().Be(FailureKind.Internal);
        crashed.Message.Should().Contain("stopped before the write was applied");
        await AwaitConditionAsync(() => Restarts >= 1);
        Restarts.Should().Be(1);
        (await key.Ask<WriteReply>(Write("v2"), AskTimeout).SucceedsAsync()).Clock.Get(TestData.CoordinatorId).Should().Be(1);
        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(3, "the crashed write reached no replica");
    }

    [Fact]
    public async Task RecordingTheOutcome_StoreThrowsSynchronously_WriteAnsweredAndActorKeepsRunning()
    {
        // Arrange: CompleteAsync throws instead of returning a task, after the write was replicated.
        var key = await SpawnKeyActorAsync();
        Idempotency.ThrowOnComplete = new InvalidOperationException("redis connection lost");

        // Act
        var first = await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).SucceedsAsync();
        Idempotency.ThrowOnComplete = null;
        var next = await key.Ask<WriteReply>(Write("v2", "req-2"), AskTimeout).SucceedsAsync();

        // Assert: the replicated write is answered as a success, the actor is not restarted, and the next round runs.
        first.IsDuplicate.Should().BeFalse();
        next.Clock.Dominates(first.Clock).Should().BeTrue();
        Restarts.Should().Be(0);
    }

    [Fact]
    public async Task ReplicaClient_ThrowsSynchronously_ReadAggregatorStopsAndOnlyThatRoundFails()
    {
        // Arrange: the client throws inside the read aggregator's start handler (aggregators are never restarted).
        var key = await SpawnKeyActorAsync();
        Replicas.ThrowOnRead = new InvalidOperationException("channel disposed");

        // Act
        var failed = await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).FailsAsync();
        Replicas.ThrowOnRead = null;
        var retry = await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).SucceedsAsync();

        // Assert: the crash is reported in the failure, the claim was released, and the key actor never crashed.
        failed.Kind.Should().Be(FailureKind.Internal);
        failed.Message.Should().Contain("channel disposed");
        retry.IsDuplicate.Should().BeFalse();
        Restarts.Should().Be(0);
    }

    [Fact]
    public async Task Aggregator_StopsWithoutAnswering_OnlyThatRoundFailsAndTheKeyGoesOn()
    {
        // Arrange: the round's read aggregator waits on held replica reads.
        var key = await SpawnKeyActorAsync();
        Replicas.Hold(ReplicaCallKind.Read);
        var write = key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout);
        var held = await Replicas.TakeHeldAsync(3);

        // Act: the aggregator is stopped from outside, so it never answers.
        var aggregator = await Sys.ActorSelection(key.Path / "*").ResolveOne(AskTimeout);
        Sys.Stop(aggregator);

        // Assert: the key actor's watch fails the round (no ask timeout to wait for), releases its claim, and serves
        // the next write without a restart.
        var failed = await write.FailsAsync();
        failed.Kind.Should().Be(FailureKind.Internal);
        failed.Message.Should().Contain("stopped without an answer");
        Replicas.Release(ReplicaCallKind.Read);
        foreach (var read in held)
        {
            Replicas.Complete(read);
        }

        (await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).SucceedsAsync()).IsDuplicate.Should().BeFalse();
        Restarts.Should().Be(0);
    }
}
