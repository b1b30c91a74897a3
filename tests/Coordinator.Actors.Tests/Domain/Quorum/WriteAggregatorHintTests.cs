using Akka.Actor;
using Akka.TestKit;
using FluentAssertions;
using PairDb.Actors.Hints;
using PairDb.Actors.Quorum;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Quorum;

/// <summary>
/// Hints a write aggregator leaves: one for each replica that did not acknowledge a write that reached W, sent when the
/// aggregator stops, whatever stops it; none for a write that failed; and a hint never stands in for an acknowledgement.
/// </summary>
public sealed class WriteAggregatorHintTests : DomainSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly VersionedValue Version = TestData.Version("v", 1, ("coord-a", 1));

    [Fact]
    public async Task Reached_OneReplicaFailed_OneHintForItWithTheVersion()
    {
        // Arrange
        var (writer, replies, hints) = StartWrite(required: 2);
        var calls = await Replicas.TakeHeldAsync(3);

        // Act
        calls[0].Acknowledge();
        calls[1].Fail("connection refused");
        calls[2].Acknowledge();

        // Assert
        (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().Be(new WriteQuorumReached(2));
        await replies.ExpectTerminatedAsync(writer);
        (await hints.ExpectMsgAsync<StoreHint>()).Should().Be(new StoreHint("n2", TestData.Tenant, TestData.Key, Version));
        await hints.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Reached_StragglerUnansweredAtTheDeadline_HintedWhenTheAggregatorStops()
    {
        // Arrange
        var (writer, replies, hints) = StartWrite(required: 2);
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].Acknowledge();
        calls[1].Acknowledge();
        await replies.ExpectMsgAsync<WriteQuorumReached>();
        await hints.ExpectNoMsgAsync(TimeSpan.Zero);

        // Act
        Scheduler.Advance(Timeout);

        // Assert
        await replies.ExpectTerminatedAsync(writer);
        (await hints.ExpectMsgAsync<StoreHint>()).TargetNodeId.Should().Be("n3");
    }

    [Fact]
    public async Task Reached_StoppedFromOutsideBeforeTheStragglerAnswered_HintedForIt()
    {
        // Arrange
        var (writer, replies, hints) = StartWrite(required: 2);
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].Acknowledge();
        calls[2].Acknowledge();
        await replies.ExpectMsgAsync<WriteQuorumReached>();

        // Act: its key actor stops (passivation or a hand-off) long before the deadline, and the aggregator with it.
        Sys.Stop(writer);

        // Assert
        await replies.ExpectTerminatedAsync(writer);
        (await hints.ExpectMsgAsync<StoreHint>()).Should().Be(new StoreHint("n2", TestData.Tenant, TestData.Key, Version));
        await hints.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Failed_OnlyOneOfThreeReplicasUp_QuorumStillFailsAndNoHintIsLeft()
    {
        // Arrange
        var (writer, replies, hints) = StartWrite(required: 2);
        var calls = await Replicas.TakeHeldAsync(3);

        // Act: one replica takes the write, two are down.
        calls[0].Acknowledge();
        calls[1].Fail("connection refused");
        calls[2].Fail("connection refused");

        // Assert: hints do not count toward W, and a failed write is not spread by hints.
        (await replies.ExpectMsgAsync<WriteQuorumFailed>()).Kind.Should().Be(FailureKind.QuorumNotReached);
        await replies.ExpectTerminatedAsync(writer);
        await hints.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Reached_EveryReplicaAcknowledged_NoHint()
    {
        // Arrange
        var (writer, replies, hints) = StartWrite(required: 3);
        var calls = await Replicas.TakeHeldAsync(3);

        // Act
        foreach (var call in calls)
        {
            call.Acknowledge();
        }

        // Assert
        (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().Be(new WriteQuorumReached(3));
        await replies.ExpectTerminatedAsync(writer);
        await hints.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    private (IActorRef Writer, TestProbe Replies, TestProbe Hints) StartWrite(int required)
    {
        Replicas.Hold(ReplicaCallKind.Write);
        var hints = CreateTestProbe("hints");
        var request = new WriteAggregation(TestData.Tenant, TestData.Key, TestData.ThreeNodes, required, Version, Deadline(Timeout));
        var (writer, replies) = StartAggregator(WriteAggregatorActor.Props(request, Replicas, hints: hints.Ref));
        return (writer, replies, hints);
    }
}
