using Akka.Actor;
using Akka.TestKit;
using FluentAssertions;
using PairDb.Actors.Quorum;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;

namespace PairDb.Actors.Tests.Domain.Quorum;

/// <summary>Quorum decisions and lifetime of one read; every replica read is held until the spec answers it.</summary>
public sealed class ReadAggregatorActorTests : DomainSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly Messages.Values.VersionedValue V1 = TestData.Version("one", 10, ("x", 1));

    [Fact]
    public async Task Start_RAnswer_RepliesFoundBeforeTheRestAnswer()
    {
        // Arrange
        var (reader, replies) = StartRead(3, 2);
        var calls = await Replicas.TakeHeldAsync(3);

        // Act: two of three answer; the third never does.
        calls[0].AnswerFound(V1);
        calls[1].AnswerFound(V1);

        // Assert: replied, and still alive to absorb the straggler.
        var found = await replies.ExpectMsgAsync<ReadFound>();
        found.Winner.Should().Be(V1);
        found.MergedClock.Should().Be(V1.Clock);
        await AssertAliveAsync(reader);
    }

    [Fact]
    public async Task Start_NoReplicaHoldsTheKey_RepliesNotFound()
    {
        // Arrange
        var (_, replies) = StartRead(3, 2);
        var calls = await Replicas.TakeHeldAsync(3);

        // Act
        calls[0].AnswerNotFound();
        calls[1].AnswerNotFound();

        // Assert
        var notFound = await replies.ExpectMsgAsync<ReadNotFound>();
        notFound.Siblings.Should().BeEmpty();
        notFound.MergedClock.IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    [InlineData(5, 3)]
    public async Task Start_NMinusRPlusOneFail_RepliesQuorumNotReachedWithTheNumbers(int n, int r)
    {
        // Arrange
        var (_, replies) = StartRead(n, r);
        var calls = await Replicas.TakeHeldAsync(n);
        var failures = n - r + 1;

        // Act
        for (var i = 0; i < failures; i++)
        {
            calls[i].Fail();
        }

        // Assert
        var failed = await replies.ExpectMsgAsync<ReadFailed>();
        failed.Kind.Should().Be(FailureKind.QuorumNotReached);
        failed.Message.Should().StartWith($"Quorum not reached: 0 of {n} replicas succeeded, {r} required ({failures} failed: ");
        failed.Message.Should().EndWith($"; {r - 1} did not answer).");
    }

    [Fact]
    public async Task Start_OneDownOneOverloaded_RepliesOverloadedNamingBothReasons()
    {
        // Arrange
        var (_, replies) = StartRead(3, 2);
        var calls = await Replicas.TakeHeldAsync(3);

        // Act
        calls[0].Fail("UNAVAILABLE: connection refused");
        calls[1].Overload();

        // Assert
        var failed = await replies.ExpectMsgAsync<ReadFailed>();
        failed.Kind.Should().Be(FailureKind.Overloaded);
        failed.Message.Should().StartWith("Replicas overloaded: 0 of 3 replicas succeeded, 2 required (2 failed: ")
            .And.Contain(calls[0].NodeId + " UNAVAILABLE: connection refused").And.Contain(calls[1].NodeId + " RESOURCE_EXHAUSTED: queue full");
    }

    [Fact]
    public async Task Start_FailureThenTwoAnswers_RepliesFoundLate()
    {
        // Arrange
        var (reader, replies) = StartRead(3, 2);
        var calls = await Replicas.TakeHeldAsync(3);

        // Act: one replica fails (a faulted task), the other two answer.
        calls[0].Fault(new IOException("reset"));
        calls[1].AnswerNotFound();
        calls[2].AnswerFound(V1);

        // Assert: not-found and found together resolve to the found version; one reply, then the aggregator stops.
        (await replies.ExpectMsgAsync<ReadFound>()).Winner.Should().Be(V1);
        await replies.ExpectTerminatedAsync(reader);
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Start_ReplicaClientThrowsSynchronously_RepliesInternalWithTheCauseAndStops()
    {
        // Arrange: a broken client (not a failed replica) throws inside the start handler, crashing the aggregator.
        Replicas.ThrowOnRead = new InvalidOperationException("channel disposed");

        // Act
        var (reader, replies) = StartAggregator(ReadAggregatorActor.Props(
            new ReadAggregation(TestData.Tenant, TestData.Key, TestData.Nodes(3), 2, Deadline(Timeout)), Replicas, RepairSettings(ReadRepairMode.Async), FullReads));

        // Assert: answered at once, before any time passed, and not restarted into an instance nobody starts.
        var failed = await replies.ExpectMsgAsync<ReadFailed>();
        failed.Kind.Should().Be(FailureKind.Internal);
        failed.Message.Should().Contain("channel disposed");
        await replies.ExpectTerminatedAsync(reader);
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Deadline_PassesBeforeQuorum_RepliesDeadlineExceededAndStops()
    {
        // Arrange
        var (reader, replies) = StartRead(3, 2);
        await Replicas.TakeHeldAsync(3);

        // Act
        Scheduler.Advance(Timeout);

        // Assert
        var failed = await replies.ExpectMsgAsync<ReadFailed>();
        failed.Kind.Should().Be(FailureKind.DeadlineExceeded);
        failed.Message.Should().Be("Deadline exceeded: 0 of 3 replicas succeeded, 2 required (3 did not answer).");
        await replies.ExpectTerminatedAsync(reader);
    }

    [Fact]
    public async Task Deadline_NotYetDue_NoReplyBeforeIt()
    {
        // Arrange: no replica answers.
        var (reader, replies) = StartRead(3, 2);
        await Replicas.TakeHeldAsync(3);

        // Act: just short of the deadline.
        Scheduler.Advance(Timeout - TimeSpan.FromMilliseconds(1));

        // Assert: the deadline timer is what replies, exactly at the deadline.
        await AssertAliveAsync(reader);
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
        Scheduler.Advance(TimeSpan.FromMilliseconds(1));
        (await replies.ExpectMsgAsync<ReadFailed>()).Kind.Should().Be(FailureKind.DeadlineExceeded);
    }

    [Fact]
    public async Task LateReplies_AfterTheReply_AbsorbedWithoutASecondReplyAndStopsAtN()
    {
        // Arrange
        var (reader, replies) = StartRead(3, 2);
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].AnswerFound(V1);
        calls[1].AnswerFound(V1);
        await replies.ExpectMsgAsync<ReadFound>();

        // Act
        calls[2].Fail();

        // Assert: the next thing the probe sees is the aggregator stopping, not a second reply.
        await replies.ExpectTerminatedAsync(reader);
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Deadline_StragglerNeverAnswers_StopsAtTheDeadlineWithoutASecondReply()
    {
        // Arrange
        var (reader, replies) = StartRead(3, 2);
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].AnswerFound(V1);
        calls[1].AnswerFound(V1);
        await replies.ExpectMsgAsync<ReadFound>();

        // Act
        Scheduler.Advance(Timeout);

        // Assert: stopped by the deadline; an answer after it reaches nobody.
        await replies.ExpectTerminatedAsync(reader);
        calls[2].AnswerFound(V1);
        await replies.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    private (IActorRef Reader, TestProbe Replies) StartRead(int n, int r)
    {
        Replicas.Hold(ReplicaCallKind.Read);
        var request = new ReadAggregation(TestData.Tenant, TestData.Key, TestData.Nodes(n), r, Deadline(Timeout));
        return StartAggregator(ReadAggregatorActor.Props(request, Replicas, RepairSettings(ReadRepairMode.Async), FullReads));
    }
}
