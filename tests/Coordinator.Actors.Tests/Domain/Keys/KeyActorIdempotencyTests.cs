using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Ports;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Keys;

/// <summary>Idempotent writes: claimed before applying, replayed for duplicates, refused on conflict, released on failure.</summary>
public sealed class KeyActorIdempotencyTests : DomainSpec
{
    [Fact]
    public async Task Retry_SameKeyAndRequest_ReplaysTheFirstClockAsDuplicateWithoutWriting()
    {
        // Arrange
        var key = await SpawnKeyActorAsync();
        var first = await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).SucceedsAsync();
        var (reads, writes) = (Replicas.CountOf(ReplicaCallKind.Read), Replicas.CountOf(ReplicaCallKind.Write));

        // Act
        var retry = await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).SucceedsAsync();

        // Assert
        first.IsDuplicate.Should().BeFalse();
        retry.IsDuplicate.Should().BeTrue();
        retry.Clock.Should().Be(first.Clock);
        (retry.ReplicaCount, retry.Consistency, retry.IdempotencyKey).Should().Be((first.ReplicaCount, first.Consistency, "req-1"));
        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(reads);
        Replicas.CountOf(ReplicaCallKind.Write).Should().Be(writes);
    }

    [Fact]
    public async Task Retry_SameKeyDifferentValue_FailsWithIdempotencyConflict()
    {
        // Arrange
        var key = await SpawnKeyActorAsync();
        await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).SucceedsAsync();
        var writes = Replicas.CountOf(ReplicaCallKind.Write);

        // Act
        var conflict = await key.Ask<WriteReply>(Write("other", "req-1"), AskTimeout).FailsAsync();

        // Assert
        conflict.Kind.Should().Be(FailureKind.IdempotencyConflict);
        conflict.Message.Should().Contain("req-1");
        Replicas.CountOf(ReplicaCallKind.Write).Should().Be(writes);
    }

    [Fact]
    public async Task WriteQuorumFailsAfterSending_RetryTakesTheClaimOverAndCompletesTheVersionSent()
    {
        // Arrange: two of three replicas refuse writes, so a quorum of two cannot be reached.
        var key = await SpawnKeyActorAsync();
        Replicas.FailWritesOn("n1");
        Replicas.FailWritesOn("n2");
        var failed = await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).FailsAsync();
        Replicas.HealWrites("n1");
        Replicas.HealWrites("n2");

        // Act
        var retry = await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).SucceedsAsync();

        // Assert: the failure named the numbers; the claim lapsed with its stamp, so the retry found the version the
        // failed attempt left on n3 and sent it again instead of a second version: one increment, a duplicate.
        failed.Kind.Should().Be(FailureKind.QuorumNotReached);
        failed.Message.Should().MatchRegex(@"[01] of 3 replicas succeeded, 2 required \(2 failed: ");
        Idempotency.Releases.Should().Be(1);
        retry.IsDuplicate.Should().BeTrue();
        retry.Clock.Entries.Should().ContainSingle().Which.Counter.Should().Be(1);
        Idempotency.Peek(TestData.Tenant, "req-1").Should().BeOfType<IdempotencyClaim.Completed>()
            .Which.Result.Clock.Should().Be(retry.Clock);
    }

    [Fact]
    public async Task GeneratedIdempotencyKey_SameKeyTwice_BothAppliedAndNothingRecorded()
    {
        // Arrange: the edge generated the key, so it is returned but neither claimed nor recorded.
        var key = await SpawnKeyActorAsync();
        var first = await key.Ask<WriteReply>(Write("v1"), AskTimeout).SucceedsAsync();

        // Act
        var second = await key.Ask<WriteReply>(Write("v1"), AskTimeout).SucceedsAsync();

        // Assert
        second.IsDuplicate.Should().BeFalse();
        second.Clock.Dominates(first.Clock).Should().BeTrue();
        Idempotency.Claims.Should().Be(0);
        Idempotency.Peek(TestData.Tenant, "generated-v1").Should().BeNull();
    }

    [Fact]
    public async Task SameRequestTwiceInOneRound_SecondDeferredThenReplayedAsDuplicate()
    {
        // Arrange: hold the first round so both copies of req-2 land in the same later round.
        var key = await SpawnKeyActorAsync();
        Replicas.Hold(ReplicaCallKind.Read);
        var blocker = key.Ask<WriteReply>(Write("v1"), AskTimeout);
        var reads = await Replicas.TakeHeldAsync(3);
        var original = key.Ask<WriteReply>(Write("v2", "req-2"), AskTimeout);
        var copy = key.Ask<WriteReply>(Write("v2", "req-2"), AskTimeout);

        // Act
        Replicas.Release(ReplicaCallKind.Read);
        foreach (var read in reads)
        {
            Replicas.Complete(read);
        }

        // Assert: applied once; the copy waited for the original's record and replayed it.
        await blocker.SucceedsAsync();
        var applied = await original.SucceedsAsync();
        var replayed = await copy.SucceedsAsync();
        applied.IsDuplicate.Should().BeFalse();
        replayed.IsDuplicate.Should().BeTrue();
        replayed.Clock.Should().Be(applied.Clock);
        Replicas.CountOf(ReplicaCallKind.Write).Should().Be(3, "the first round read first and wrote");
        Replicas.CountOf(ReplicaCallKind.ConditionalWrite).Should().Be(3, "req-2 was written once, from the first round's stamp");
    }

    [Fact]
    public async Task Claim_StoreThrowsSynchronously_AnsweredDependencyUnavailableWithoutCrashing()
    {
        // Arrange: ClaimAsync throws instead of returning a task; the key actor's claim step is async, so it catches it.
        var key = await SpawnKeyActorAsync();
        Idempotency.ThrowOnClaim = new InvalidOperationException("redis connection lost");

        // Act
        var failed = await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).FailsAsync();
        Idempotency.ThrowOnClaim = null;
        var retry = await key.Ask<WriteReply>(Write("v1", "req-1"), AskTimeout).SucceedsAsync();

        // Assert: no replica was written for the failed attempt, and the actor never restarted.
        failed.Kind.Should().Be(FailureKind.DependencyUnavailable);
        failed.Message.Should().Contain("redis connection lost", "the store's error reaches the client");
        retry.IsDuplicate.Should().BeFalse();
        Replicas.CountOf(ReplicaCallKind.Write).Should().Be(3);
        Restarts.Should().Be(0);
    }
}
