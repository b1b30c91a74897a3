using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using static PairDb.Actors.Tests.Cores.KeyRound.KeyWriterKit;

namespace PairDb.Actors.Tests.Cores.KeyRound;

/// <summary>The write step: read first or write conditionally from the last stamp, stamp, conflicts, failures.</summary>
public sealed class KeyWriterReplicationTests
{
    private static readonly VersionedValue Older = TestData.Version("old", 5_000, ("coord-b", 2), ("coord-c", 1));

    private static readonly VersionedValue Concurrent = TestData.Version("other", 6_000, ("coord-c", 3));

    [Fact]
    public void OnCurrentRead_Found_StampsFromEverySiblingAndWritesUnconditionally()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1"), 1, Now);

        // Act
        var effects = writer.OnCurrentRead(new ReadFound(Concurrent, VectorClock.Empty, [Concurrent, Older]), Now);

        // Assert
        var replicate = effects.Should().ContainSingle().Subject.Should().BeOfType<KeyWriterEffect<int>.Replicate>().Subject;
        replicate.IfDominates.Should().BeFalse();
        replicate.Version.Clock.Dominates(Older.Clock).Should().BeTrue();
        replicate.Version.Clock.Dominates(Concurrent.Clock).Should().BeTrue();
        replicate.Version.Clock.Get(TestData.CoordinatorId).Should().Be(1);
        (Text(replicate.Version), replicate.Version.CoordinatorId, replicate.Version.Tombstone).Should().Be(("v1", TestData.CoordinatorId, false));
        replicate.Version.TimestampMicros.Should().Be((Now - DateTime.UnixEpoch).Ticks / 10);
        (replicate.Required, replicate.DeadlineUtc, replicate.ReplicationFactor, replicate.Replicas.Length).Should().Be((2, Deadline, 3, 3));
        writer.State.Should().Be(KeyWriterState.Replicating);
        writer.LastStamp!.Clock.Should().Be(replicate.Version.Clock);
        writer.LastStamp.Value.IsEmpty.Should().BeTrue("the last stamp keeps the clock, not the value");
    }

    [Fact]
    public void OnCurrentRead_NotFoundWithTombstones_StampDominatesThem()
    {
        // Arrange
        var writer = Writer();
        var tombstone = new VersionedValue(ReadOnlyMemory<byte>.Empty, Older.Clock, 9_000, "coord-b", tombstone: true);
        writer.Submit(Write("v1"), 1, Now);

        // Act
        var replicate = writer.OnCurrentRead(new ReadNotFound(tombstone.Clock, [tombstone]), Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert
        replicate.Version.Clock.Dominates(tombstone.Clock).Should().BeTrue();
        replicate.IfDominates.Should().BeFalse();
    }

    [Fact]
    public void OnCurrentRead_Failed_EveryWriteAnsweredWithTheReadFailure()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1"), 1, Now);
        writer.Submit(Write("v2"), 2, Now);

        // Act
        var effects = writer.OnCurrentRead(new ReadFailed(FailureKind.QuorumNotReached, "1 of 3 replicas answered, 2 required"), Now);

        // Assert: only the round's write is answered; the queued one starts the next round once settled.
        effects.FailedFor(1).Should().Be(new WriteFailed(FailureKind.QuorumNotReached, "Reading the key's current version failed: 1 of 3 replicas answered, 2 required"));
        effects.Answers().Should().ContainSingle();
        writer.LastStamp.Should().BeNull();
        writer.OnSettled(Now).Single<KeyWriterEffect<int>.ReadCurrent>();
    }

    [Fact]
    public void Submit_AfterAStamp_WritesConditionallyFromItWithoutReading()
    {
        // Arrange
        var writer = Writer();
        var first = CompleteFirstRound(writer);

        // Act
        var effects = writer.Submit(Write("v2"), 2, Now);

        // Assert
        var replicate = effects.Should().ContainSingle().Subject.Should().BeOfType<KeyWriterEffect<int>.Replicate>().Subject;
        replicate.IfDominates.Should().BeTrue();
        replicate.Version.Clock.Should().Be(first.Clock.Increment(TestData.CoordinatorId));
        writer.OnReplicated(new WriteQuorumReached(3), Now).SucceededFor(2).Clock.Should().Be(replicate.Version.Clock);
    }

    [Fact]
    public void Submit_StartedFromAnEarlierWritersLastStamp_WritesConditionallyFromItWithoutReading()
    {
        // Arrange: the last stamp a passivated actor of the key left behind.
        var earlier = TestData.Version(string.Empty, 5, (TestData.CoordinatorId, 4), ("coord-b", 2));
        var writer = new KeyWriter<int>(new KeyWriterSettings(TestData.CoordinatorId, 10, 8, 16, ClaimMargin), new FakePlacement(), earlier);

        // Act
        var effects = writer.Submit(Write("v5"), 1, Now);

        // Assert
        var replicate = effects.Should().ContainSingle().Subject.Should().BeOfType<KeyWriterEffect<int>.Replicate>().Subject;
        replicate.IfDominates.Should().BeTrue();
        replicate.Version.Clock.Should().Be(earlier.Clock.Increment(TestData.CoordinatorId));
    }

    [Fact]
    public void OnReplicated_Conflict_StampsAgainFromReplicaVersionsAndRefusedStampThenWritesUnconditionally()
    {
        // Arrange
        var writer = Writer();
        CompleteFirstRound(writer);
        var refused = writer.Submit(Write("v2"), 2, Now).Single<KeyWriterEffect<int>.Replicate>().Version;

        // Act
        var retry = writer.OnReplicated(new WriteQuorumConflict([Concurrent]), Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert: nobody answered yet; the new stamp dominates both; the write answers with the new clock.
        retry.IfDominates.Should().BeFalse();
        Text(retry.Version).Should().Be("v2");
        retry.Version.Clock.Dominates(refused.Clock).Should().BeTrue();
        retry.Version.Clock.Dominates(Concurrent.Clock).Should().BeTrue();
        retry.Version.TimestampMicros.Should().BeGreaterThan(Concurrent.TimestampMicros);
        writer.LastStamp!.Clock.Should().Be(retry.Version.Clock);
        writer.OnReplicated(new WriteQuorumReached(2), Now).SucceededFor(2).Should().Be(
            new WriteSucceeded(retry.Version.Clock, 2, Consistency.Quorum, "generated-v2", IsDuplicate: false));
    }

    [Fact]
    public void OnReplicated_FailedAfterStamp_KeepsTheStampSoTheNextClockDominatesIt()
    {
        // Arrange
        var writer = Writer();
        writer.Submit(Write("v1"), 1, Now);
        var lost = writer.OnCurrentRead(new ReadNotFound(VectorClock.Empty, []), Now).Single<KeyWriterEffect<int>.Replicate>().Version;
        writer.OnReplicated(new WriteQuorumFailed(FailureKind.QuorumNotReached, "1 of 3 replicas succeeded, 2 required"), Now);
        writer.OnSettled(Now);

        // Act
        var next = writer.Submit(Write("v2"), 2, Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert
        next.Version.Clock.Dominates(lost.Clock).Should().BeTrue();
        next.IfDominates.Should().BeTrue();
    }

    [Theory]
    [InlineData(FailureKind.QuorumNotReached, "1 of 3 replicas succeeded, 2 required (2 failed: n1: down; n2: down)")]
    [InlineData(FailureKind.DeadlineExceeded, "Deadline exceeded with 1 of 3 replicas acknowledged, 2 required.")]
    [InlineData(FailureKind.Overloaded, "2 of 3 replicas refused for overload.")]
    [InlineData(FailureKind.Internal, "The ask timed out.")]
    public void OnReplicated_Failed_EveryWriteOfTheRoundAnsweredWithKindAndMessage(FailureKind kind, string message)
    {
        // Arrange
        var writer = Writer();
        CompleteFirstRound(writer);
        writer.Submit(Write("v1"), 1, Now);
        writer.Submit(Write("v2"), 2, Now);
        writer.Submit(Write("v3"), 3, Now);
        writer.OnReplicated(new WriteQuorumReached(3), Now);
        writer.OnSettled(Now);

        // Act
        var effects = writer.OnReplicated(new WriteQuorumFailed(kind, message), Now);

        // Assert
        effects.Answers().Should().BeEquivalentTo(new[] { (2, (WriteReply)new WriteFailed(kind, message)), (3, new WriteFailed(kind, message)) });
        writer.State.Should().Be(KeyWriterState.Finishing);
    }

    [Fact]
    public void StartRound_RingTooSmall_FailsNoReplicasBeforeAnythingIsSent()
    {
        // Arrange
        var writer = Writer(placement: new FakePlacement { Nodes = [TestData.N1] });

        // Act
        var effects = writer.Submit(Write("v1"), 1, Now);

        // Assert
        effects.FailedFor(1).Should().Be(new WriteFailed(FailureKind.NoReplicas, "Consistency quorum needs 2 replicas but the ring has 1 storage nodes for this key."));
        effects.Should().NotContain(e => e is KeyWriterEffect<int>.ReadCurrent || e is KeyWriterEffect<int>.Replicate);
        writer.State.Should().Be(KeyWriterState.Finishing);
    }

    [Fact]
    public void StartRound_TooManyReplicasDown_FailsNoReplicasNamingThemAndKeepsNoStamp()
    {
        // Arrange
        var placement = new FakePlacement();
        placement.Down.UnionWith(["n1", "n3"]);
        var writer = Writer(placement: placement);

        // Act
        var effects = writer.Submit(Write("v1", consistency: Consistency.Quorum), 1, Now);

        // Assert
        effects.FailedFor(1).Should().Be(new WriteFailed(
            FailureKind.ReplicasDown, "Consistency quorum needs 2 replicas but 2 of 3 replicas are down (n1: unreachable; n3: unreachable); nothing was written."));
        writer.LastStamp.Should().BeNull();
    }

    [Fact]
    public void StartRound_OneReplicaDownAtConsistencyOne_Proceeds()
    {
        // Arrange
        var placement = new FakePlacement();
        placement.Down.UnionWith(["n1", "n2"]);
        var writer = Writer(placement: placement);

        // Act
        var read = writer.Submit(Write("v1", consistency: Consistency.One), 1, Now).Single<KeyWriterEffect<int>.ReadCurrent>();

        // Assert: the down replicas are still asked (the aggregator counts them); one answer is enough.
        (read.Replicas.Length, read.Required).Should().Be((3, 1));
    }

    [Fact]
    public void StampAndWrite_ClockAtItsBound_PrunedKeepingThisCoordinator()
    {
        // Arrange
        var writer = Writer(maxClockEntries: 2);
        writer.Submit(Write("v1"), 1, Now);

        // Act
        var replicate = writer.OnCurrentRead(new ReadFound(Older, Older.Clock, [Older]), Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert
        replicate.Version.Clock.Entries.Should().HaveCount(2);
        replicate.Version.Clock.Get(TestData.CoordinatorId).Should().Be(1);
    }
}
