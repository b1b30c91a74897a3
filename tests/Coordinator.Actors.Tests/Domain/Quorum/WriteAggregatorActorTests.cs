using Akka.Actor;
using Akka.TestKit;
using FluentAssertions;
using PairDb.Actors.Quorum;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Quorum;

/// <summary>
/// Every replica call is held until the spec answers it, so "late", "failed" and "never answers" are explicit,
/// and the deadline fires only when the spec advances the TestScheduler.
/// </summary>
public sealed class WriteAggregatorActorTests : DomainSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(3, 2)]
    [InlineData(3, 1)]
    [InlineData(5, 3)]
    public async Task Start_WAcknowledge_RepliesReachedBeforeTheRestAnswer(int n, int w)
    {
        // Arrange
        var (replicas, _, replies) = StartWrite(n, w);
        var calls = await Replicas.TakeHeldAsync(n);

        // Act: exactly W acknowledge; the others have not answered.
        for (var i = 0; i < w; i++)
        {
            calls[i].Acknowledge();
        }

        // Assert: decided at W, with the count at that moment.
        (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().Be(new WriteQuorumReached(w));
        calls.Select(call => call.NodeId).Should().Equal(replicas.Select(node => node.NodeId));
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    [InlineData(5, 3)]
    public async Task Start_NMinusWPlusOneFail_RepliesQuorumNotReachedWithTheNumbers(int n, int w)
    {
        // Arrange
        var (_, writer, replies) = StartWrite(n, w);
        var calls = await Replicas.TakeHeldAsync(n);
        var failures = n - w + 1;

        // Act: N-W+1 replicas fail; the rest never answer.
        for (var i = 0; i < failures; i++)
        {
            calls[i].Fail("disk full");
        }

        // Assert: the message counts exactly N-W+1 failures, so the decision was neither earlier nor later.
        var reply = (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().BeOfType<WriteQuorumFailed>().Subject;
        reply.Kind.Should().Be(FailureKind.QuorumNotReached);
        reply.Message.Should().Be(
            $"Quorum not reached: 0 of {n} replicas succeeded, {w} required ({failures} failed: "
            + string.Join(", ", calls.Take(failures).Select(call => call.NodeId + " disk full"))
            + (w > 1 ? $"; {w - 1} did not answer)." : ")."));
    }

    [Fact]
    public async Task Start_TwoOverloaded_RepliesOverloaded()
    {
        // Arrange
        var (_, writer, replies) = StartWrite(3, 2);
        var calls = await Replicas.TakeHeldAsync(3);

        // Act
        calls[0].Overload();
        calls[1].Overload();

        // Assert
        var reply = (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().BeOfType<WriteQuorumFailed>().Subject;
        reply.Kind.Should().Be(FailureKind.Overloaded);
        reply.Message.Should().StartWith("Replicas overloaded: 0 of 3 replicas succeeded, 2 required (2 failed: ");
    }

    [Fact]
    public async Task Start_FaultedReplicaTask_CountedAsFailureWithItsMessage()
    {
        // Arrange
        var (_, writer, replies) = StartWrite(3, 3);
        var calls = await Replicas.TakeHeldAsync(3);

        // Act
        calls[1].Fault(new IOException("connection reset"));

        // Assert
        var reply = (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().BeOfType<WriteQuorumFailed>().Subject;
        reply.Message.Should().Contain("1 failed: n2 connection reset").And.Contain("2 did not answer");
    }

    [Fact]
    public async Task Start_FailuresThenAcknowledgements_RepliesReachedLate()
    {
        // Arrange: N 5, W 3; two failures are still tolerable.
        var (_, writer, replies) = StartWrite(5, 3);
        var calls = await Replicas.TakeHeldAsync(5);

        // Act
        calls[0].Fail();
        calls[1].Fail();
        calls[2].Acknowledge();
        calls[3].Acknowledge();
        calls[4].Acknowledge();

        // Assert
        (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().Be(new WriteQuorumReached(3));
        await replies.ExpectTerminatedAsync(writer);
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Start_ReplicaClientThrowsSynchronously_RepliesInternalWithTheCauseAndStops()
    {
        // Arrange: a broken client (not a failed replica) throws inside the start handler, crashing the aggregator.
        Replicas.ThrowOnWrite = new InvalidOperationException("channel disposed");
        var request = new WriteAggregation(TestData.Tenant, TestData.Key, TestData.ThreeNodes, 2, TestData.Version("v", 1, ("coord-a", 1)), Deadline(Timeout));

        // Act
        var (writer, replies) = StartAggregator(WriteAggregatorActor.Props(request, Replicas));

        // Assert: answered at once, before any time passed, and not restarted into an instance nobody starts.
        var failed = await replies.ExpectMsgAsync<WriteQuorumFailed>();
        failed.Kind.Should().Be(FailureKind.Internal);
        failed.Message.Should().Contain("channel disposed");
        await replies.ExpectTerminatedAsync(writer);
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Deadline_PassesBeforeQuorum_RepliesDeadlineExceededAndStops()
    {
        // Arrange: no replica ever answers.
        var (_, writer, replies) = StartWrite(3, 2);
        await Replicas.TakeHeldAsync(3);

        // Act
        Scheduler.Advance(Timeout);

        // Assert
        var reply = (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().BeOfType<WriteQuorumFailed>().Subject;
        reply.Kind.Should().Be(FailureKind.DeadlineExceeded);
        reply.Message.Should().Be("Deadline exceeded: 0 of 3 replicas succeeded, 2 required (3 did not answer).");
        await replies.ExpectTerminatedAsync(writer);
    }

    [Fact]
    public async Task Start_DeadlineAlreadyPassed_RepliesDeadlineExceededWithoutCallingReplicas()
    {
        // Arrange
        var request = new WriteAggregation(TestData.Tenant, TestData.Key, TestData.ThreeNodes, 2, TestData.Version("v", 1, ("coord-a", 1)), ActorsNow);

        // Act
        var (writer, replies) = StartAggregator(WriteAggregatorActor.Props(request, Replicas));

        // Assert
        (await replies.ExpectMsgAsync<WriteQuorumFailed>()).Kind.Should().Be(FailureKind.DeadlineExceeded);
        await replies.ExpectTerminatedAsync(writer);
        Replicas.CountOf(ReplicaCallKind.Write).Should().Be(0);
    }

    [Fact]
    public async Task LateReplies_AfterTheReply_AbsorbedWithoutASecondReplyAndStopsAtN()
    {
        // Arrange: decided at two acknowledgements.
        var (_, writer, replies) = StartWrite(3, 2);
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].Acknowledge();
        calls[1].Acknowledge();
        (await replies.ExpectMsgAsync<WriteQuorumReply>()).Should().Be(new WriteQuorumReached(2));
        await AssertAliveAsync(writer);

        // Act: the straggler answers (a failure, which must not turn the decision).
        calls[2].Fail();

        // Assert: the aggregator stops once all N answered, having replied once.
        await replies.ExpectTerminatedAsync(writer);
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task LateReplies_AfterAFailedReply_AbsorbedWithoutASecondReply()
    {
        // Arrange: ALL of three fails at the first failure.
        var (_, writer, replies) = StartWrite(3, 3);
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].Fail();
        (await replies.ExpectMsgAsync<WriteQuorumFailed>()).Kind.Should().Be(FailureKind.QuorumNotReached);

        // Act: the others acknowledge late.
        calls[1].Acknowledge();
        calls[2].Acknowledge();

        // Assert
        await replies.ExpectTerminatedAsync(writer);
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Deadline_StragglerNeverAnswers_StopsAtTheDeadlineWithoutASecondReply()
    {
        // Arrange
        var (_, writer, replies) = StartWrite(3, 2);
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].Acknowledge();
        calls[1].Acknowledge();
        await replies.ExpectMsgAsync<WriteQuorumReached>();

        // Act
        Scheduler.Advance(Timeout);

        // Assert: stopped by the deadline; an answer after it reaches nobody.
        await replies.ExpectTerminatedAsync(writer);
        calls[2].Acknowledge();
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    private (Messages.Values.StorageNode[] Replicas, IActorRef Writer, TestProbe Replies) StartWrite(int n, int w)
    {
        Replicas.Hold(ReplicaCallKind.Write);
        var nodes = TestData.Nodes(n);
        var version = TestData.Version("v", 1, ("coord-a", 1));
        var request = new WriteAggregation(TestData.Tenant, TestData.Key, nodes, w, version, Deadline(Timeout));
        var (writer, replies) = StartAggregator(WriteAggregatorActor.Props(request, Replicas));
        return (nodes, writer, replies);
    }
}
