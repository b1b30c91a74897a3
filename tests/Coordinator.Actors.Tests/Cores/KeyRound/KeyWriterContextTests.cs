using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using static PairDb.Actors.Tests.Cores.KeyRound.KeyWriterKit;

namespace PairDb.Actors.Tests.Cores.KeyRound;

/// <summary>Writes with a causal context: they supersede exactly what the context covers.</summary>
public sealed class KeyWriterContextTests
{
    [Fact]
    public void Submit_ContextCoveringTheLastStamp_StampsOverItConditionally()
    {
        // Arrange
        var writer = Writer();
        var first = CompleteFirstRound(writer);

        // Act
        var replicate = writer.Submit(Write("v2") with { Context = first.Clock }, 2, Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert
        replicate.IfDominates.Should().BeTrue();
        replicate.Version.Clock.Should().Be(first.Clock.Increment(TestData.CoordinatorId));
        writer.LastStamp!.Clock.Should().Be(replicate.Version.Clock);
    }

    [Fact]
    public void Submit_ContextNamingVersionsThisWriterNeverSaw_TheStampCoversThemToo()
    {
        // Arrange
        var writer = Writer();
        var first = CompleteFirstRound(writer);
        var seenElsewhere = first.Clock.Merge(VectorClock.From([new ClockEntry("coord-z", 4)]));

        // Act
        var replicate = writer.Submit(Write("v2") with { Context = seenElsewhere }, 2, Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert
        replicate.Version.Clock.Should().Be(seenElsewhere.Increment(TestData.CoordinatorId));
    }

    [Fact]
    public void Submit_StaleContext_StandsBesideTheNewerVersionAndTheNextRoundReads()
    {
        // Arrange: two writes since the client read the first.
        var writer = Writer();
        var first = CompleteFirstRound(writer);
        writer.Submit(Write("v2"), 2, Now);
        var second = writer.OnReplicated(new WriteQuorumReached(3), Now).SucceededFor(2);
        writer.OnSettled(Now);

        // Act
        var replicate = writer.Submit(Write("v3") with { Context = first.Clock }, 3, Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert
        replicate.IfDominates.Should().BeFalse("the new version must not replace the one written since the read");
        replicate.Version.Clock.CompareTo(second.Clock).Should().Be(ClockOrder.Concurrent);
        replicate.Version.Clock.Dominates(first.Clock).Should().BeTrue();
        replicate.Version.Clock.Get(TestData.CoordinatorId).Should().Be(first.Clock.Get(TestData.CoordinatorId));
        writer.LastStamp.Should().BeNull("no single version dominates the key now");
        writer.OnReplicated(new WriteQuorumReached(3), Now).SucceededFor(3).Clock.Should().Be(replicate.Version.Clock);
        writer.OnSettled(Now);
        writer.Submit(Write("v4"), 4, Now).Single<KeyWriterEffect<int>.ReadCurrent>();
    }

    [Fact]
    public void Submit_TwoWritesFromOneReadThenOneWithTheMergedContext_SiblingsThenOneVersion()
    {
        // Arrange: clients A and B read the same version.
        var writer = Writer();
        var read = CompleteFirstRound(writer).Clock;

        // Act
        var a = writer.Submit(Write("a") with { Context = read }, 1, Now).Single<KeyWriterEffect<int>.Replicate>().Version;
        writer.OnReplicated(new WriteQuorumReached(3), Now);
        writer.OnSettled(Now);
        var b = writer.Submit(Write("b") with { Context = read }, 2, Now.AddTicks(10)).Single<KeyWriterEffect<int>.Replicate>().Version;
        writer.OnReplicated(new WriteQuorumReached(3), Now);
        writer.OnSettled(Now);
        writer.Submit(Write("merged") with { Context = a.Clock.Merge(b.Clock) }, 3, Now).Single<KeyWriterEffect<int>.ReadCurrent>();
        var merged = writer.OnCurrentRead(new ReadFound(b, a.Clock.Merge(b.Clock), [b, a]), Now).Single<KeyWriterEffect<int>.Replicate>().Version;

        // Assert
        a.Clock.CompareTo(b.Clock).Should().Be(ClockOrder.Concurrent);
        SiblingSet.MergeAll([a, b]).Should().HaveCount(2);
        merged.Clock.Dominates(a.Clock).Should().BeTrue();
        merged.Clock.Dominates(b.Clock).Should().BeTrue();
        SiblingSet.MergeAll([a, b, merged]).Should().ContainSingle();
    }

    [Fact]
    public void OnReplicated_ConflictOnACoveringContext_StampsAgainBesideTheRevealedVersionAndOverTheRefusedStamp()
    {
        // Arrange
        var writer = Writer();
        var first = CompleteFirstRound(writer);
        var refused = writer.Submit(Write("v2") with { Context = first.Clock }, 2, Now).Single<KeyWriterEffect<int>.Replicate>().Version;
        var other = TestData.Version("other", 9_000, ("coord-c", 1));

        // Act
        var retry = writer.OnReplicated(new WriteQuorumConflict([other]), Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert
        retry.IfDominates.Should().BeFalse();
        retry.Version.Clock.Dominates(refused.Clock).Should().BeTrue("the write never stands beside its own refused stamp");
        retry.Version.Clock.CompareTo(other.Clock).Should().Be(ClockOrder.Concurrent);
    }
}
