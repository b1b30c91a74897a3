using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>Idempotent writes: claimed before applying, replayed for duplicates, refused on conflict, released on failure.</summary>
public sealed class KeyActorIdempotencyTests
{
    [Fact]
    public async Task Retry_SameKeyAndRequest_ReplaysTheFirstClockAsDuplicateWithoutWriting()
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        var first = await key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout).SucceedsAsync();
        var (reads, writes) = (env.Replicas.CountOf(ReplicaCallKind.Read), env.Replicas.CountOf(ReplicaCallKind.Write));

        // Act
        var retry = await key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout).SucceedsAsync();

        // Assert
        first.IsDuplicate.Should().BeFalse();
        retry.IsDuplicate.Should().BeTrue();
        retry.Clock.Should().Be(first.Clock);
        (retry.ReplicaCount, retry.Consistency, retry.IdempotencyKey).Should().Be((first.ReplicaCount, first.Consistency, "req-1"));
        env.Replicas.CountOf(ReplicaCallKind.Read).Should().Be(reads);
        env.Replicas.CountOf(ReplicaCallKind.Write).Should().Be(writes);
    }

    [Fact]
    public async Task Retry_SameKeyDifferentValue_FailsWithIdempotencyConflict()
    {
        // Arrange
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        await key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout).SucceedsAsync();
        var writes = env.Replicas.CountOf(ReplicaCallKind.Write);

        // Act
        var conflict = await key.Ask<WriteReply>(env.Write("other", "req-1"), DomainEnvironment.AskTimeout).FailsAsync();

        // Assert
        conflict.Kind.Should().Be(FailureKind.IdempotencyConflict);
        conflict.Message.Should().Contain("req-1");
        env.Replicas.CountOf(ReplicaCallKind.Write).Should().Be(writes);
    }

    [Fact]
    public async Task WriteQuorumFails_ClaimReleased_RetryApplies()
    {
        // Arrange: two of three replicas refuse writes, so a quorum of two cannot be reached.
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        env.Replicas.FailWritesOn("n1");
        env.Replicas.FailWritesOn("n2");
        var failed = await key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout).FailsAsync();
        env.Replicas.HealWrites("n1");
        env.Replicas.HealWrites("n2");

        // Act
        var retry = await key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout).SucceedsAsync();

        // Assert: the failure named the numbers; the claim was dropped, so the retry applied (not a replay).
        failed.Kind.Should().Be(FailureKind.QuorumNotReached);
        failed.Message.Should().MatchRegex(@"[01] of 3 replicas succeeded, 2 required \(2 failed: ");
        env.Idempotency.Releases.Should().Be(1);
        retry.IsDuplicate.Should().BeFalse();
        env.Idempotency.Peek(TestData.Tenant, "req-1").Should().BeOfType<IdempotencyClaim.Completed>()
            .Which.Result.Clock.Should().Be(retry.Clock);
    }

    [Fact]
    public async Task GeneratedIdempotencyKey_SameKeyTwice_BothAppliedAndNothingRecorded()
    {
        // Arrange: the edge generated the key, so it is returned but neither claimed nor recorded.
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        var first = await key.Ask<WriteReply>(env.Write("v1"), DomainEnvironment.AskTimeout).SucceedsAsync();

        // Act
        var second = await key.Ask<WriteReply>(env.Write("v1"), DomainEnvironment.AskTimeout).SucceedsAsync();

        // Assert
        second.IsDuplicate.Should().BeFalse();
        second.Clock.Dominates(first.Clock).Should().BeTrue();
        env.Idempotency.Claims.Should().Be(0);
        env.Idempotency.Peek(TestData.Tenant, "generated-v1").Should().BeNull();
    }

    [Fact]
    public async Task SameRequestTwiceInOneRound_SecondDeferredThenReplayedAsDuplicate()
    {
        // Arrange: hold the first round so both copies of req-2 land in the same later round.
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        env.Replicas.Hold(ReplicaCallKind.Read);
        var blocker = key.Ask<WriteReply>(env.Write("v1"), DomainEnvironment.AskTimeout);
        var reads = await env.Replicas.TakeHeldAsync(3);
        var original = key.Ask<WriteReply>(env.Write("v2", "req-2"), DomainEnvironment.AskTimeout);
        var copy = key.Ask<WriteReply>(env.Write("v2", "req-2"), DomainEnvironment.AskTimeout);

        // Act
        env.Replicas.Release(ReplicaCallKind.Read);
        foreach (var read in reads)
        {
            env.Replicas.Complete(read);
        }

        // Assert: applied once; the copy waited for the original's record and replayed it.
        await blocker.SucceedsAsync();
        var applied = await original.SucceedsAsync();
        var replayed = await copy.SucceedsAsync();
        applied.IsDuplicate.Should().BeFalse();
        replayed.IsDuplicate.Should().BeTrue();
        replayed.Clock.Should().Be(applied.Clock);
        env.Replicas.CountOf(ReplicaCallKind.Write).Should().Be(3, "the first round read first and wrote");
        env.Replicas.CountOf(ReplicaCallKind.ConditionalWrite).Should().Be(3, "req-2 was written once, from the first round's stamp");
    }

    [Fact]
    public async Task Claim_StoreThrowsSynchronously_AnsweredDependencyUnavailableWithoutCrashing()
    {
        // Arrange: ClaimAsync throws instead of returning a task; the key actor's claim step is async, so it catches it.
        await using var env = new DomainEnvironment();
        var key = await env.SpawnKeyActorAsync();
        env.Idempotency.ThrowOnClaim = new InvalidOperationException("redis connection lost");

        // Act
        var failed = await key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout).FailsAsync();
        env.Idempotency.ThrowOnClaim = null;
        var retry = await key.Ask<WriteReply>(env.Write("v1", "req-1"), DomainEnvironment.AskTimeout).SucceedsAsync();

        // Assert: no replica was written for the failed attempt, and the actor never restarted.
        failed.Kind.Should().Be(FailureKind.DependencyUnavailable);
        failed.Message.Should().Contain("redis connection lost", "the store's error reaches the client");
        retry.IsDuplicate.Should().BeFalse();
        env.Replicas.CountOf(ReplicaCallKind.Write).Should().Be(3);
        env.System.Restarts.Should().Be(0);
    }
}
