using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using static PairDb.Actors.Tests.Cores.KeyRound.KeyWriterKit;

namespace PairDb.Actors.Tests.Cores.KeyRound;

/// <summary>The idempotency step: claims of client keys, their triage, and how the round leaves them.</summary>
public sealed class KeyWriterClaimTests
{
    private static readonly IdempotentWriteResult FirstResult =
        new(VectorClock.From([new ClockEntry("coord-b", 7)]), 2, Consistency.All);

    [Fact]
    public void Submit_ClientKeys_ClaimsOnlyThoseInRoundOrder()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v0"), 0, Now);
        var first = Write("v1", "req-1");
        var second = Write("v2", "req-2", deadline: Deadline.AddSeconds(10));
        writer.Submit(first, 1, Now);
        writer.Submit(Write("v3"), 3, Now);
        writer.Submit(second, 2, Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);

        // Act
        var claim = writer.OnSettled(Now).Single<KeyWriterEffect<int>.Claim>();

        // Assert
        claim.Requests.Should().Equal(
            new ClaimRequest("req-1", Fingerprint(first), Deadline + ClaimMargin),
            new ClaimRequest("req-2", Fingerprint(second), Deadline.AddSeconds(10) + ClaimMargin));
        (writer.State, writer.InRound).Should().Be((KeyWriterState.Claiming, 3));
    }

    [Fact]
    public void Submit_ClientKeyWithTheLargestDeadline_ClaimHeldUntilTheLargestTime()
    {
        var writer = Writer();

        var claim = writer.Submit(Write("v1", "req-1", deadline: DateTime.MaxValue), 1, Now).Single<KeyWriterEffect<int>.Claim>();

        claim.Requests.Should().ContainSingle().Which.HeldUntilUtc.Should().Be(DateTime.MaxValue);
    }

    [Fact]
    public void OnClaimed_NewClaim_AppliedAndCompletedWithItsResponse()
    {
        // Arrange
        var writer = Writer();
        var write = Write("v1", "req-1");
        writer.Submit(write, 1, Now);

        // Act
        writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed())], Now).Single<KeyWriterEffect<int>.ReadCurrent>();
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now).Single<KeyWriterEffect<int>.RecordStamps>();
        writer.OnStampsRecorded([true]).Single<KeyWriterEffect<int>.Replicate>();
        var effects = writer.OnReplicated(new WriteQuorumReached(3), Now);

        // Assert
        var succeeded = effects.SucceededFor(1);
        succeeded.Should().Be(new WriteSucceeded(succeeded.Clock, 3, Consistency.Quorum, "req-1", IsDuplicate: false));
        effects.Single<KeyWriterEffect<int>.Settle>().Settlements.Should().Equal(
            new IdempotencySettlement.Complete("req-1", Fingerprint(write), new IdempotentWriteResult(succeeded.Clock, 3, Consistency.Quorum)));
    }

    [Fact]
    public void OnClaimed_NewClaimAndWriteFails_ClaimReleased()
    {
        // Arrange
        var writer = Writer();
        var write = Write("v1", "req-1");
        writer.Submit(write, 1, Now);
        writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed())], Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        writer.OnStampsRecorded([true]);

        // Act
        var effects = writer.OnReplicated(new WriteQuorumFailed(FailureKind.QuorumNotReached, "1 of 3 replicas succeeded, 2 required"), Now);

        // Assert
        effects.FailedFor(1).Kind.Should().Be(FailureKind.QuorumNotReached);
        effects.Single<KeyWriterEffect<int>.Settle>().Settlements.Should().Equal(new IdempotencySettlement.Release("req-1", Fingerprint(write)));
    }

    [Fact]
    public void OnClaimed_CompletedSameRequest_ReplaysFirstResponseWithoutWriting()
    {
        // Arrange
        var writer = Writer();
        var write = Write("v1", "req-1");
        writer.Submit(write, 1, Now);

        // Act
        var effects = writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Completed(Fingerprint(write), FirstResult))], Now);

        // Assert: nothing read or written, nothing to store; the round finishes.
        effects.SucceededFor(1).Should().Be(new WriteSucceeded(FirstResult.Clock, 2, Consistency.All, "req-1", IsDuplicate: true));
        effects.Should().NotContain(e => e is KeyWriterEffect<int>.ReadCurrent || e is KeyWriterEffect<int>.Replicate);
        effects.Single<KeyWriterEffect<int>.Settle>().Settlements.Should().BeEmpty();
        writer.State.Should().Be(KeyWriterState.Finishing);
        writer.OnSettled(Now).Should().BeEmpty();
        writer.State.Should().Be(KeyWriterState.Idle);
    }

    [Fact]
    public void OnClaimed_CompletedDifferentRequest_RefusedAsConflict()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1", "req-1"), 1, Now);

        // Act
        var effects = writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Completed("other-fingerprint", FirstResult))], Now);

        // Assert
        effects.FailedFor(1).Should().Be(new WriteFailed(FailureKind.IdempotencyConflict, "Idempotency key 'req-1' was already used for a different request."));
        writer.State.Should().Be(KeyWriterState.Finishing);
    }

    [Fact]
    public void OnClaimed_InProgressElsewhere_RefusedAsInProgress()
    {
        // Arrange
        var writer = Writer();
        var write = Write("v1", "req-1");
        writer.Submit(write, 1, Now);

        // Act
        var effects = writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.InProgress(Fingerprint(write)))], Now);

        // Assert
        effects.FailedFor(1).Should().Be(new WriteFailed(FailureKind.IdempotencyInProgress, "A request with idempotency key 'req-1' is being applied right now; retry it."));
    }

    [Fact]
    public void OnClaimed_InProgressForDifferentRequest_RefusedAsConflict()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1", "req-1"), 1, Now);

        // Act
        var effects = writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.InProgress("other-fingerprint"))], Now);

        // Assert
        effects.FailedFor(1).Kind.Should().Be(FailureKind.IdempotencyConflict);
    }

    [Theory]
    [InlineData("redis connection lost", "Idempotency store unavailable: redis connection lost")]
    [InlineData(null, "Idempotency store unavailable: no answer")]
    public void OnClaimed_StoreFailed_AnsweredDependencyUnavailableOthersProceed(string? error, string message)
    {
        // Arrange: the first write's claim failed; a write without a client key shares the round.
        var writer = Writer();
        writer.Submit(Write("v0"), 0, Now);
        writer.Submit(Write("v1", "req-1"), 1, Now);
        writer.Submit(Write("v2"), 2, Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);
        writer.OnSettled(Now).Single<KeyWriterEffect<int>.Claim>();

        // Act
        var effects = writer.OnClaimed([new ClaimOutcome(null, error)], Now);

        // Assert
        effects.FailedFor(1).Should().Be(new WriteFailed(FailureKind.DependencyUnavailable, message));
        Text(effects.Single<KeyWriterEffect<int>.Replicate>().Version).Should().Be("v2");
        writer.InRound.Should().Be(1);
    }

    [Fact]
    public void OnClaimed_NoOutcomes_EveryClaimantAnsweredNoAnswer()
    {
        // Arrange: the shell reports an empty list when the claim step itself failed.
        var writer = Writer();
        writer.Submit(Write("v0"), 0, Now);
        writer.Submit(Write("v1", "req-1"), 1, Now);
        writer.Submit(Write("v2", "req-2"), 2, Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);
        writer.OnSettled(Now);

        // Act
        var effects = writer.OnClaimed([], Now);

        // Assert
        effects.Answers().Select(a => a.ReplyTo).Should().Equal(1, 2);
        effects.Answers().Should().OnlyContain(a => ((WriteFailed)a.Reply).Message == "Idempotency store unavailable: no answer");
        effects.Single<KeyWriterEffect<int>.Settle>().Settlements.Should().BeEmpty();
    }

    [Fact]
    public void OnClaimed_SameRequestTwiceInRound_CopyDeferredToNextRoundWhereItReplays()
    {
        // Arrange: both copies of req-2 wait behind a first round, so they form one round.
        var writer = Writer();
        writer.Submit(Write("v0"), 0, Now);
        var write = Write("v2", "req-2");
        writer.Submit(write, 1, Now);
        writer.Submit(write, 2, Now);
        writer.Submit(Write("v3"), 3, Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);
        writer.OnSettled(Now).Single<KeyWriterEffect<int>.Claim>().Requests.Should().HaveCount(2);

        // Act: the store saw the original claim first, so the copy finds it in progress.
        var effects = writer.OnClaimed(
            [new ClaimOutcome(new IdempotencyClaim.Claimed()), new ClaimOutcome(new IdempotencyClaim.InProgress(Fingerprint(write)))], Now);

        // Assert: the copy waits at the head of the queue; the original and v3 are written once the stamp is recorded.
        effects.Answers().Should().BeEmpty();
        (writer.InRound, writer.Queued).Should().Be((2, 1));
        effects.Single<KeyWriterEffect<int>.RecordStamps>().Records.Should().ContainSingle().Which.IdempotencyKey.Should().Be("req-2");
        writer.OnStampsRecorded([true]).Single<KeyWriterEffect<int>.Replicate>();
        var applied = writer.OnReplicated(new WriteQuorumReached(3), Now).SucceededFor(1);
        writer.OnSettled(Now).Single<KeyWriterEffect<int>.Claim>().Requests.Should().Equal(new ClaimRequest("req-2", Fingerprint(write), Deadline + ClaimMargin));
        var replay = writer.OnClaimed(
            [new ClaimOutcome(new IdempotencyClaim.Completed(Fingerprint(write), new IdempotentWriteResult(applied.Clock, 3, Consistency.Quorum)))], Now);
        replay.SucceededFor(2).Should().Be(applied with { IsDuplicate = true });
    }
}
