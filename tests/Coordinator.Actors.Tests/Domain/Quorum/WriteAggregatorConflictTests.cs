using Akka.Actor;
using Akka.TestKit;
using FluentAssertions;
using PairDb.Actors.Quorum;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Quorum;

/// <summary>A conditional write's aggregator: refusals count against W and are handed back, or repaired beside a success.</summary>
public sealed class WriteAggregatorConflictTests : DomainSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly VersionedValue Stored1 = TestData.Version("x", 5, ("coord-b", 3));
    private static readonly VersionedValue Stored2 = TestData.Version("y", 6, ("coord-c", 1));

    [Fact]
    public async Task Start_RefusedBeyondNMinusW_RepliesConflictWithWhatTheRefusingReplicasHold()
    {
        // Arrange
        var (_, _, replies) = StartConditional();
        var calls = await Replicas.TakeHeldAsync(3);

        // Act: N 3, W 2: two refusals make W impossible.
        calls[0].AnswerConflict(Stored1);
        calls[1].AnswerConflict(Stored2);

        // Assert
        var conflict = (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().BeOfType<WriteQuorumConflict>().Subject;
        conflict.Current.Should().BeEquivalentTo([Stored1, Stored2]);
        calls.Should().OnlyContain(call => call.Kind == ReplicaCallKind.ConditionalWrite);
    }

    [Fact]
    public async Task Start_OneRefusalOneFailure_RepliesConflictNotFailure()
    {
        // Arrange
        var (_, _, replies) = StartConditional();
        var calls = await Replicas.TakeHeldAsync(3);

        // Act
        calls[0].Fail("unavailable");
        calls[1].AnswerConflict(Stored1);

        // Assert: a second, unconditional attempt may still reach W, so the writer gets what n2 holds.
        (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().BeOfType<WriteQuorumConflict>()
            .Which.Current.Should().Equal(Stored1);
    }

    [Fact]
    public async Task Start_OnlyFailures_RepliesQuorumNotReached()
    {
        // Arrange
        var (_, _, replies) = StartConditional();
        var calls = await Replicas.TakeHeldAsync(3);

        // Act
        calls[0].Fail("unavailable");
        calls[1].Fail("unavailable");

        // Assert
        (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().BeOfType<WriteQuorumFailed>()
            .Which.Kind.Should().Be(FailureKind.QuorumNotReached);
    }

    [Fact]
    public async Task Start_RefusedByOneButWReached_WritesTheVersionBesideOnTheRefusingReplica()
    {
        // Arrange
        var (version, writer, replies) = StartConditional();
        var calls = await Replicas.TakeHeldAsync(3);

        // Act: n1 refuses before the decision, n3 after it.
        calls[0].AnswerConflict(Stored1);
        calls[1].Acknowledge();
        calls[2].Acknowledge();
        (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().Be(new WriteQuorumReached(2));

        // Assert: n1 gets the version unconditionally (kept beside what it holds), and the aggregator then stops.
        var beside = await Replicas.TakeHeldAsync(1);
        beside[0].Kind.Should().Be(ReplicaCallKind.Write);
        beside[0].NodeId.Should().Be("n1");
        beside[0].Versions.Should().Equal(version);
        beside[0].Acknowledge();
        await replies.ExpectTerminatedAsync(writer);
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task LateRefusal_AfterWReached_WritesTheVersionBesideOnThatReplica()
    {
        // Arrange
        var (version, writer, replies) = StartConditional();
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].Acknowledge();
        calls[1].Acknowledge();
        await replies.ExpectMsgAsync<WriteQuorumReached>();

        // Act
        calls[2].AnswerConflict(Stored2);

        // Assert
        var beside = await Replicas.TakeHeldAsync(1);
        beside[0].Kind.Should().Be(ReplicaCallKind.Write);
        beside[0].NodeId.Should().Be("n3");
        beside[0].Versions.Should().Equal(version);
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    private (VersionedValue Version, IActorRef Writer, TestProbe Replies) StartConditional()
    {
        Replicas.Hold(ReplicaCallKind.ConditionalWrite);
        Replicas.Hold(ReplicaCallKind.Write);
        var version = TestData.Version("v", 1, ("coord-a", 1));
        var request = new WriteAggregation(TestData.Tenant, TestData.Key, TestData.Nodes(3), 2, version, Deadline(Timeout), IfDominates: true);
        var (writer, replies) = StartAggregator(WriteAggregatorActor.Props(request, Replicas));
        return (version, writer, replies);
    }
}
