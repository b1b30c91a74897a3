using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;
using static PairDb.Actors.Tests.Cores.KeyRound.KeyWriterKit;

namespace PairDb.Actors.Tests.Cores.KeyRound;

/// <summary>The read before the stamp while replicas are being rebuilt after losing their data.</summary>
public sealed class KeyWriterRebuildingTests
{
    [Fact]
    public void Submit_NothingRebuilding_ReadsThePreferenceListAsItIs()
    {
        var writer = Writer();

        var read = writer.Submit(Write("v1"), 1, Now).Single<KeyWriterEffect<int>.ReadCurrent>();

        read.Replicas.Select(static n => n.NodeId).Should().Equal(TestData.N1.NodeId, TestData.N2.NodeId, TestData.N3.NodeId);
        (read.Required, read.Rebuilding.Length).Should().Be((2, 0));
    }

    [Fact]
    public void Submit_OneReplicaRebuildingAtQuorum_AskedFirstAndNotCounted()
    {
        // Arrange
        var placement = new FakePlacement();
        placement.Rebuilding.Add(TestData.N2.NodeId);
        var writer = Writer(placement: placement);

        // Act
        var read = writer.Submit(Write("v1"), 1, Now).Single<KeyWriterEffect<int>.ReadCurrent>();

        // Assert: two answers from n1 and n3; n2 is asked (its answer merged) but never one of the two.
        read.Replicas.Select(static n => n.NodeId).Should().Equal(TestData.N2.NodeId, TestData.N1.NodeId, TestData.N3.NodeId);
        read.Rebuilding.Should().Equal(TestData.N2.NodeId);
        read.Required.Should().Be(2);
    }

    [Fact]
    public void Submit_OneReplicaRebuildingAtAll_NeedsEveryOtherOne()
    {
        var placement = new FakePlacement();
        placement.Rebuilding.Add(TestData.N3.NodeId);
        var writer = Writer(placement: placement);

        var read = writer.Submit(Write("v1", consistency: Consistency.All), 1, Now).Single<KeyWriterEffect<int>.ReadCurrent>();

        (read.Required, read.Rebuilding.Single()).Should().Be((2, TestData.N3.NodeId));
    }

    [Fact]
    public void Submit_TooFewReplicasNotRebuilding_ReadsAllAndWaitsForEveryIntactOne()
    {
        // Arrange: at QUORUM two of three are rebuilding, so a quorum of the others cannot answer.
        var placement = new FakePlacement();
        placement.Rebuilding.UnionWith([TestData.N1.NodeId, TestData.N2.NodeId]);
        var writer = Writer(placement: placement);

        // Act
        var read = writer.Submit(Write("v1"), 1, Now).Single<KeyWriterEffect<int>.ReadCurrent>();

        // Assert: the write is not refused, but the two emptied replicas cannot make its quorum: the one intact replica
        // must answer, so the stamp dominates what it holds.
        read.Replicas.Select(static n => n.NodeId).Should().Equal(TestData.N1.NodeId, TestData.N2.NodeId, TestData.N3.NodeId);
        read.Required.Should().Be(1);
        read.Rebuilding.Should().Equal(TestData.N1.NodeId, TestData.N2.NodeId);
        writer.State.Should().Be(KeyWriterState.ReadingCurrent);
    }

    [Fact]
    public void Submit_TooFewReplicasNotRebuildingAndTheIntactOneDown_RefusedAtOnceNamingIt()
    {
        // Arrange: n1 and n2 rebuilding, n3 (the one intact replica) held down by the failure detector.
        var placement = new FakePlacement();
        placement.Rebuilding.UnionWith([TestData.N1.NodeId, TestData.N2.NodeId]);
        placement.Down.Add(TestData.N3.NodeId);
        var writer = Writer(placement: placement);

        // Act
        var effects = writer.Submit(Write("v1"), 1, Now);

        // Assert: nothing is read or sent; the refusal says why.
        var failed = effects.FailedFor(1);
        failed.Kind.Should().Be(FailureKind.ReplicasDown);
        failed.Message.Should().Contain("Only 1 of the key's 3 replicas are not rebuilding").And.Contain("n3: unreachable").And.EndWith("nothing was written.");
        effects.Should().NotContain(static e => e is KeyWriterEffect<int>.ReadCurrent || e is KeyWriterEffect<int>.Replicate);
        writer.LastStamp.Should().BeNull();
    }

    [Fact]
    public void Submit_EveryReplicaRebuilding_ReadsCountingEveryAnswer()
    {
        // Arrange: nothing intact is left to read, so what the replicas answer is all there is.
        var placement = new FakePlacement();
        placement.Rebuilding.UnionWith([TestData.N1.NodeId, TestData.N2.NodeId, TestData.N3.NodeId]);
        var writer = Writer(placement: placement);

        // Act
        var read = writer.Submit(Write("v1"), 1, Now).Single<KeyWriterEffect<int>.ReadCurrent>();

        // Assert
        (read.Replicas.Length, read.Required, read.Rebuilding.Length).Should().Be((3, 2, 0));
    }

    [Fact]
    public void Submit_LastStampHeldAndAReplicaRebuilding_WritesConditionallyWithoutReading()
    {
        // Arrange: the writer stamped the key before the node lost its data.
        var placement = new FakePlacement();
        var writer = Writer(placement: placement);
        CompleteFirstRound(writer);
        placement.Rebuilding.Add(TestData.N1.NodeId);

        // Act
        var replicate = writer.Submit(Write("v2"), 2, Now).Single<KeyWriterEffect<int>.Replicate>();

        // Assert: its last stamp dominates what the healthy replicas hold, so no read is needed.
        replicate.IfDominates.Should().BeTrue();
        replicate.Replicas.Should().HaveCount(3, "writes go to every replica, the rebuilding one included");
    }
}
