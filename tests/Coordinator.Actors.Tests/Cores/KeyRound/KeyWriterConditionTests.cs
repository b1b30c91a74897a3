using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Ports;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using static PairDb.Actors.Tests.Cores.KeyRound.KeyWriterKit;

namespace PairDb.Actors.Tests.Cores.KeyRound;

/// <summary>Conditional writes (if_clock, if_absent): decided against a fresh read, alone in their round.</summary>
public sealed class KeyWriterConditionTests
{
    private static readonly VersionedValue Live = TestData.Version("live", 5_000, ("coord-b", 2));

    private static readonly VersionedValue Deleted = new(ReadOnlyMemory<byte>.Empty, VectorClock.From([new ClockEntry("coord-c", 4)]), 6_000, "coord-c", tombstone: true);

    [Fact]
    public void Submit_IfClockAfterAStamp_ReadsFirstInsteadOfTrustingTheStamp()
    {
        // Arrange
        var writer = Writer();
        var first = CompleteFirstRound(writer);

        // Act
        var effects = writer.Submit(Write("v2") with { IfClock = first.Clock }, 2, Now);

        // Assert
        effects.Single<KeyWriterEffect<int>.ReadCurrent>();
        writer.State.Should().Be(KeyWriterState.ReadingCurrent);
    }

    [Fact]
    public void OnCurrentRead_IfClockEqualToTheMergedClock_WritesOnlyWhereTheStampDominates()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v2") with { IfClock = Live.Clock }, 1, Now);

        // Act
        var replicate = writer.OnCurrentRead(new ReadFound(Live, Live.Clock, [Live]), Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert
        replicate.IfDominates.Should().BeTrue("a version the read missed must make the replicas refuse");
        replicate.Version.Clock.Should().Be(Live.Clock.Increment(TestData.CoordinatorId));
        writer.OnReplicated(new WriteQuorumReached(3), Now).SucceededFor(1).Clock.Should().Be(replicate.Version.Clock);
    }

    [Fact]
    public void OnCurrentRead_IfClockDiffers_AnsweredWithTheCurrentClockAndNothingWritten()
    {
        // Arrange
        var writer = Writer();
        var stale = VectorClock.From([new ClockEntry("coord-b", 1)]);
        var write = Write("v2", idempotencyKey: "client-1") with { IfClock = stale };
        writer.Submit(write, 1, Now);
        writer.OnClaimed([new ClaimOutcome(new IdempotencyClaim.Claimed())], Now);

        // Act
        var effects = writer.OnCurrentRead(new ReadFound(Live, Live.Clock, [Live]), Now);

        // Assert
        effects.OfType<KeyWriterEffect<int>.Replicate>().Should().BeEmpty();
        var failed = effects.Answers().Should().ContainSingle().Subject.Reply.Should().BeOfType<WriteConditionFailed>().Subject;
        (failed.Current, failed.Exists).Should().Be((Live.Clock, true));
        failed.Message.Should().Be("Condition if_clock {coord-b:1} does not hold: the key's current clock is {coord-b:2}.");
        effects.Single<KeyWriterEffect<int>.Settle>().Settlements.Should().Equal(new IdempotencySettlement.Release("client-1", Fingerprint(write)));
    }

    [Fact]
    public void OnCurrentRead_IfClockEmptyOnAKeyWithNoVersion_Writes()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1") with { IfClock = VectorClock.Empty }, 1, Now);

        // Act
        var effects = writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);

        // Assert
        effects.Single<KeyWriterEffect<int>.Replicate>().IfDominates.Should().BeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnCurrentRead_IfAbsentOnAMissingOrDeletedKey_WritesOverTheTombstones(bool deleted)
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1") with { IfAbsent = true }, 1, Now);
        IReadOnlyList<VersionedValue> siblings = deleted ? [Deleted] : [];

        // Act
        var replicate = writer.OnCurrentRead(new ReadNotFound(SiblingSet.MergedClock(siblings), siblings), Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert
        replicate.IfDominates.Should().BeTrue();
        replicate.Version.Clock.Dominates(Deleted.Clock).Should().Be(deleted);
    }

    [Fact]
    public void OnCurrentRead_IfAbsentWhenALiveSiblingWinsLastWriteWins_Refused()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1") with { IfAbsent = true }, 1, Now);
        var newer = TestData.Version("newer", 7_000, ("coord-b", 2));
        var merged = newer.Clock.Merge(Deleted.Clock);

        // Act
        var effects = writer.OnCurrentRead(new ReadFound(newer, merged, [newer, Deleted]), Now);

        // Assert
        var failed = effects.Answers().Single().Reply.Should().BeOfType<WriteConditionFailed>().Subject;
        (failed.Exists, failed.Current).Should().Be((true, merged));
        failed.Message.Should().Be("Condition if_absent does not hold: the key exists (current clock {coord-b:2, coord-c:4}).");
    }

    [Fact]
    public void OnCurrentRead_IfAbsentWhenATombstoneWinsOverALiveSibling_WritesAsTheKeyReadsNotFound()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1") with { IfAbsent = true }, 1, Now);

        // Act
        var effects = writer.OnCurrentRead(new ReadNotFound(Live.Clock.Merge(Deleted.Clock), [Deleted, Live]), Now);

        // Assert
        var replicate = effects.Single<KeyWriterEffect<int>.Replicate>();
        replicate.Version.Clock.Dominates(Live.Clock).Should().BeTrue();
        replicate.Version.Clock.Dominates(Deleted.Clock).Should().BeTrue();
    }

    [Fact]
    public void OnCurrentRead_IfAbsentOnAnExpiredKey_Writes()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1") with { IfAbsent = true }, 1, Now);
        var expired = new VersionedValue(new byte[] { 1 }, Live.Clock, 5_000, "coord-b", tombstone: false, expiresAtMicros: 6_000);

        // Act
        var effects = writer.OnCurrentRead(new ReadNotFound(expired.Clock, [expired]), Now);

        // Assert
        effects.Single<KeyWriterEffect<int>.Replicate>().Version.Clock.Dominates(expired.Clock).Should().BeTrue();
    }

    [Fact]
    public void OnCurrentRead_IfAbsentWhenTheReadMissedThisWritersLastStamp_Refused()
    {
        // Arrange: the key was written here; a read at ONE may come from a replica the write never reached.
        var writer = Writer();
        var first = CompleteFirstRound(writer);
        writer.Submit(Write("v2", consistency: Consistency.One) with { IfAbsent = true }, 2, Now);

        // Act
        var effects = writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);

        // Assert
        var failed = effects.Answers().Single().Reply.Should().BeOfType<WriteConditionFailed>().Subject;
        (failed.Exists, failed.Current).Should().Be((true, first.Clock));
    }

    [Fact]
    public void OnReplicated_ConflictOnAConditionalWrite_FailsAsAConflictWithoutStampingAgain()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v2") with { IfClock = Live.Clock }, 1, Now);
        writer.OnCurrentRead(new ReadFound(Live, Live.Clock, [Live]), Now);
        var other = TestData.Version("other", 7_000, ("coord-c", 1));

        // Act
        var effects = writer.OnReplicated(new WriteQuorumConflict([Live, other]), Now);

        // Assert
        effects.OfType<KeyWriterEffect<int>.Replicate>().Should().BeEmpty();
        effects.FailedFor(1).Kind.Should().Be(FailureKind.ConditionConflict);
        writer.LastStamp.Should().NotBeNull("the refused stamp may sit on some replica, so the next stamp must dominate it");
    }

    [Fact]
    public void Submit_ConditionalWritesQueuedBetweenBlindOnes_EachRunsInARoundOfItsOwn()
    {
        // Arrange: a blind round is in flight while three writes queue.
        var writer = Writer();
        writer.Submit(Write("a"), 1, Now);
        writer.Submit(Write("b"), 2, Now);
        writer.Submit(Write("c") with { IfAbsent = true }, 3, Now);
        writer.Submit(Write("d"), 4, Now);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);

        // Act and assert: b alone (it may not join the conditional c), then c alone, then d.
        writer.OnSettled(Now).Single<KeyWriterEffect<int>.Replicate>();
        writer.InRound.Should().Be(1);
        writer.OnReplicated(new WriteQuorumReached(3), Now).SucceededFor(2);
        writer.OnSettled(Now).Single<KeyWriterEffect<int>.ReadCurrent>();
        writer.InRound.Should().Be(1);
        writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now).Answers().Single().Reply.Should().BeOfType<WriteConditionFailed>();
        writer.OnSettled(Now).Single<KeyWriterEffect<int>.Replicate>();
        writer.InRound.Should().Be(1);
        writer.Queued.Should().Be(0);
    }
}
