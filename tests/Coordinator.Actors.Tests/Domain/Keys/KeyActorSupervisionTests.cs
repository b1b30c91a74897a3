using FluentAssertions;
using PairDb.Actors.Kernel;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Actors.Tests.Kernel.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>
/// What a throw inside the key actor's paths does. Replica and store calls made from async steps or aggregators
/// come back as failure values; a throw in the key actor's own handler crashes it, and the kernel restarts it.
/// </summary>
public sealed class KeyActorSupervisionTests
{
    [Fact]
    public async Task Handler_Throws_AskFailsWithActorCrashedExceptionAndARestartedActorServesTheNextWrite()
    {
        // Arrange: a replication factor of 0 (which the edge rejects) makes the quorum computation throw in the handler.
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        var broken = env.Write("v1") with { ReplicationFactor = 0 };

        // Act
        var crashed = key.Ask<WriteReply>(broken, DomainEnvironment.AskTimeout);

        // Assert: the ask fails clearly instead of hanging; the restarted actor applies a later write.
        (await crashed.Awaiting(task => task.WithinBound()).Should().ThrowAsync<ActorCrashedException>())
            .Which.InnerException.Should().BeOfType<ArgumentOutOfRangeException>();

        // The ask fails as the crash is handled; the restart is counted right after, on the actor's own turn.
        await Bounded.UntilAsync(() => env.System.Restarts >= 1);
        env.System.Restarts.Should().Be(1);
        (await key.Ask<WriteReply>(env.Write("v2"), DomainEnvironment.AskTimeout).SucceedsAsync()).Clock.Get(TestData.CoordinatorId).Should().Be(1);
    }

    [Fact]
    public async Task RecordingTheOutcome_StoreThrowsSynchronously_WriteAnsweredAndActorKeepsRunning()
    {
        // Arrange: CompleteAsync throws instead of returning a task, after the write was replicated.
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        env.Idempotency.ThrowOnComplete = new InvalidOperationException("redis connection lost");

        // Act
        var first = await key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout).SucceedsAsync();
        env.Idempotency.ThrowOnComplete = null;
        var next = await key.Ask<WriteReply>(env.Write("v2", "req-2"), DomainEnvironment.AskTimeout).SucceedsAsync();

        // Assert: the replicated write is answered as a success, the actor is not restarted, and the next round runs.
        first.IsDuplicate.Should().BeFalse();
        next.Clock.Dominates(first.Clock).Should().BeTrue();
        env.System.Restarts.Should().Be(0);
    }

    [Fact]
    public async Task ReplicaClient_ThrowsSynchronously_ReadAggregatorStopsAndOnlyThatRoundFails()
    {
        // Arrange: the client throws inside the read aggregator's start handler (aggregators are never restarted).
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        env.Replicas.ThrowOnRead = new InvalidOperationException("channel disposed");

        // Act
        var failed = await key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout).FailsAsync();
        env.Replicas.ThrowOnRead = null;
        var retry = await key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout).SucceedsAsync();

        // Assert: the crash is reported in the failure, the claim was released, and the key actor never crashed.
        failed.Kind.Should().Be(FailureKind.Internal);
        failed.Message.Should().Contain("channel disposed");
        retry.IsDuplicate.Should().BeFalse();
        env.System.Restarts.Should().Be(0);
    }
}
