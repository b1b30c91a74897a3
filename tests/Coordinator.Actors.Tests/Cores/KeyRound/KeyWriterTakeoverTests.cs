using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using static PairDb.Actors.Tests.Cores.KeyRound.KeyWriterKit;

namespace PairDb.Actors.Tests.Cores.KeyRound;

/// <summary>
/// Exactly once across coordinators: a round records its stamp in its claims before sending, and a write that takes
/// over a lapsed claim answers the earlier attempt's version when the read finds it, or stamps over it otherwise.
/// </summary>
public sealed class KeyWriterTakeoverTests
{
    /// <summary>The version an earlier attempt on coordinator coord-b sent before it died.</summary>
    private static readonly VersionedValue Earlier = new(
        System.Text.Encoding.UTF8.GetBytes("v1"), VectorClock.From([new ClockEntry("coord-b", 4)]), 1_000, "coord-b", tombstone: false);

    private static readonly RecordedStamp EarlierStamp = new(Earlier.Clock, Earlier.Clock, Earlier.TimestampMicros, Earlier.CoordinatorId);

    [Fact]
    public void Replicate_ClaimedWritesInARound_EachRecordsItsClockAndTheSentVersionBeforeSending()
    {
        // Arrange: a first round leaves writes 1 (client key) and 2 (client key) queued as one round.
        var writer = Writer();
        writer.Submit(Write("v0"), 0, Now);
        var first = Write("v1", "req-1");
        var second = Write("v2", "req-2");
        writer.Submit(first, 1, Now);
        writer.Submit(second, 2, Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);
        writer.OnSettled(Now);

        // Act
        var effects = writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed()), new ClaimOutcome(new IdempotencyClaim.Claimed())], Now);

        // Assert: nothing is sent until the stamps are recorded; the first write's own clock is dominated by the sent one.
        effects.Should().NotContain(e => e is KeyWriterEffect<int>.Replicate);
        writer.State.Should().Be(KeyWriterState.Recording);
        var records = effects.Single<KeyWriterEffect<int>.RecordStamps>().Records;
        records.Select(r => (r.IdempotencyKey, r.Fingerprint)).Should().Equal(("req-1", Fingerprint(first)), ("req-2", Fingerprint(second)));
        var sent = writer.OnStampsRecorded([true, true]).Single<KeyWriterEffect<int>.Replicate>().Version;
        records.Should().OnlyContain(r => r.Stamp.Identifies(sent));
        records[1].Stamp.WriteClock.Should().Be(sent.Clock);
        sent.Clock.Dominates(records[0].Stamp.WriteClock).Should().BeTrue();
    }

    [Fact]
    public void OnStampsRecorded_ClaimTakenOver_NothingSentAnsweredInProgressAndTheClaimLeftAlone()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1", "req-1"), 1, Now);
        writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed())], Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);

        // Act
        var effects = writer.OnStampsRecorded([false]);

        // Assert
        effects.Should().NotContain(e => e is KeyWriterEffect<int>.Replicate);
        effects.FailedFor(1).Kind.Should().Be(FailureKind.IdempotencyInProgress);
        effects.Single<KeyWriterEffect<int>.Settle>().Settlements.Should().BeEmpty();
    }

    [Fact]
    public void OnStampsRecorded_StoreGaveNoAnswer_NothingSentAnsweredUnavailableAndTheClaimReleased()
    {
        // Arrange
        var writer = Writer();
        var write = Write("v1", "req-1");
        writer.Submit(write, 1, Now);
        writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed())], Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);

        // Act
        var effects = writer.OnStampsRecorded([]);

        // Assert
        effects.Should().NotContain(e => e is KeyWriterEffect<int>.Replicate);
        effects.FailedFor(1).Kind.Should().Be(FailureKind.DependencyUnavailable);
        effects.Single<KeyWriterEffect<int>.Settle>().Settlements.Should().Equal(new IdempotencySettlement.Release("req-1", Fingerprint(write)));
    }

    [Fact]
    public void OnClaimed_LapsedClaimWithAStamp_ReadsFirstEvenWithALastStamp()
    {
        // Arrange
        var writer = Writer();
        CompleteFirstRound(writer);
        writer.Submit(Write("v1", "req-1"), 1, Now);

        // Act
        var effects = writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed(EarlierStamp))], Now);

        // Assert
        effects.Single<KeyWriterEffect<int>.ReadCurrent>();
    }

    [Fact]
    public void OnCurrentRead_EarlierVersionFound_SentAgainAndAnsweredAsTheEarlierAttempt()
    {
        // Arrange
        var writer = Writer();
        var write = Write("v1", "req-1");
        writer.Submit(write, 1, Now);
        writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed(EarlierStamp))], Now);

        // Act
        var recording = writer.OnCurrentRead(new ReadFound(Earlier, Earlier.Clock, [Earlier]), Now);
        var sent = writer.OnStampsRecorded([true]).Single<KeyWriterEffect<int>.Replicate>();
        var effects = writer.OnReplicated(new WriteQuorumReached(3), Now);

        // Assert: no new stamp; the same version goes to the replicas that lack it.
        recording.Single<KeyWriterEffect<int>.RecordStamps>().Records.Should().ContainSingle().Which.Stamp.Should().Be(EarlierStamp);
        sent.Version.Should().BeSameAs(Earlier);
        sent.IfDominates.Should().BeFalse();
        effects.SucceededFor(1).Should().Be(new WriteSucceeded(Earlier.Clock, 3, Consistency.Quorum, "req-1", IsDuplicate: true));
        effects.Single<KeyWriterEffect<int>.Settle>().Settlements.Should().Equal(
            new IdempotencySettlement.Complete("req-1", Fingerprint(write), new IdempotentWriteResult(Earlier.Clock, 3, Consistency.Quorum)));
    }

    [Fact]
    public void OnCurrentRead_EarlierVersionNotFound_NewStampDominatesIt()
    {
        // Arrange: the read missed the earlier version (it sits on a replica not asked, or arrives late).
        var writer = Writer();
        writer.Submit(Write("v1", "req-1"), 1, Now);
        writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed(EarlierStamp))], Now);

        // Act
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        var sent = writer.OnStampsRecorded([true]).Single<KeyWriterEffect<int>.Replicate>().Version;
        var effects = writer.OnReplicated(new WriteQuorumReached(3), Now);

        // Assert
        sent.Clock.Dominates(Earlier.Clock).Should().BeTrue();
        sent.TimestampMicros.Should().BeGreaterThan(Earlier.TimestampMicros);
        effects.SucceededFor(1).Should().Be(new WriteSucceeded(sent.Clock, 3, Consistency.Quorum, "req-1", IsDuplicate: false));
    }

    [Fact]
    public void OnCurrentRead_ConditionalTakeoverNotFound_WrittenOnlyWhereItDominates()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1", "req-1") with { IfAbsent = true }, 1, Now);
        writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed(EarlierStamp))], Now);

        // Act
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        var sent = writer.OnStampsRecorded([true]).Single<KeyWriterEffect<int>.Replicate>();

        // Assert: the condition held against the read; a replica that holds the earlier version refuses it.
        sent.IfDominates.Should().BeTrue();
        sent.Version.Clock.Dominates(Earlier.Clock).Should().BeFalse();
    }

    [Fact]
    public void OnCurrentRead_EarlierDeleteReplayedByAWriterThatStampedBefore_NextIfAbsentWriteHolds()
    {
        // Arrange: this writer stamped the key before; a delete taken over from a dead coordinator is found and replayed.
        var writer = Writer();
        CompleteFirstRound(writer);
        var delete = new VersionedValue(ReadOnlyMemory<byte>.Empty, VectorClock.From([new ClockEntry("coord-b", 4), new ClockEntry("c1", 1)]), 1_000, "coord-b", tombstone: true);
        var stamp = new RecordedStamp(delete.Clock, delete.Clock, delete.TimestampMicros, delete.CoordinatorId);
        writer.Submit(Write("", "req-del") with { Tombstone = true }, 1, Now);
        writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed(stamp))], Now);
        writer.OnCurrentRead(new ReadNotFound(delete.Clock, [delete]), Now);
        writer.OnStampsRecorded([true]);
        writer.OnReplicated(new WriteQuorumReached(3), Now);
        writer.OnSettled(Now);

        // Act: an if_absent write reads the replicas, which hold the tombstone.
        writer.Submit(Write("v2") with { IfAbsent = true }, 2, Now);
        var effects = writer.OnCurrentRead(new ReadNotFound(delete.Clock, [delete]), Now);

        // Assert: the key reads as deleted, so the write goes out.
        effects.Should().ContainSingle(static e => e is KeyWriterEffect<int>.Replicate);
        effects.Answers().Should().BeEmpty();
    }

    [Fact]
    public void OnCurrentRead_EarlierVersionFoundOlderThanTheLastStamp_NextRoundStillDominatesBoth()
    {
        // Arrange
        var writer = Writer();
        var last = CompleteFirstRound(writer).Clock;
        writer.Submit(Write("v1", "req-1"), 1, Now);
        writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed(EarlierStamp))], Now);
        writer.OnCurrentRead(new ReadFound(Earlier, Earlier.Clock, [Earlier]), Now);
        writer.OnStampsRecorded([true]);
        writer.OnReplicated(new WriteQuorumReached(3), Now);
        writer.OnSettled(Now);

        // Act
        var next = writer.Submit(Write("v2"), 2, Now).Single<KeyWriterEffect<int>.Replicate>().Version;

        // Assert
        next.Clock.Dominates(last).Should().BeTrue();
        next.Clock.Dominates(Earlier.Clock).Should().BeTrue();
    }
}
