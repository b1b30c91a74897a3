using Akka.Actor;
using Akka.TestKit;
using FluentAssertions;
using PairDb.Actors.Quorum;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Quorum;

/// <summary>
/// Which replicas a read asks and when: the first R, the next at once on a failure, one more after the speculative
/// retry delay, all N on a sampled full read. Every replica read is held until the spec answers it; time is manual.
/// </summary>
public sealed class ReadFanoutAggregatorTests : DomainSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(10);
    private static readonly VersionedValue Old = TestData.Version("old", 10, ("x", 1));
    private static readonly VersionedValue New = TestData.Version("new", 20, ("x", 2));

    [Fact]
    public async Task Quorum_FirstTwoAnswer_AsksExactlyTwoOfThree()
    {
        // Arrange
        var (reader, replies) = StartRead(3, 2, fullReadChance: 0);
        var calls = await Replicas.TakeHeldAsync(2);

        // Act
        calls[0].AnswerFound(New);
        calls[1].AnswerFound(New);

        // Assert: decided, and done once both asked replicas answered; the third was never asked.
        (await replies.ExpectMsgAsync<ReadFound>()).Winner.Should().Be(New);
        await replies.ExpectTerminatedAsync(reader);
        Replicas.Calls(ReplicaCallKind.Read).Select(call => call.NodeId).Should().Equal("n1", "n2");
        (ReadCounters.Speculated, ReadCounters.FullReads).Should().Be((0, 0));
    }

    [Fact]
    public async Task Quorum_AskedReplicaFails_AsksTheThirdAtOnce()
    {
        // Arrange
        var (_, replies) = StartRead(3, 2, fullReadChance: 0);
        var calls = await Replicas.TakeHeldAsync(2);

        // Act: no time passes.
        calls[0].Fail();
        var third = (await Replicas.TakeHeldAsync(1))[0];
        calls[1].AnswerFound(New);
        third.AnswerFound(New);

        // Assert
        third.NodeId.Should().Be("n3");
        (await replies.ExpectMsgAsync<ReadFound>()).Winner.Should().Be(New);
        ReadCounters.Speculated.Should().Be(1);
    }

    [Fact]
    public async Task Quorum_AskedReplicaSlow_AsksTheThirdAfterTheDelay()
    {
        // Arrange
        var (reader, replies) = StartRead(3, 2, fullReadChance: 0);
        var calls = await Replicas.TakeHeldAsync(2);
        calls[0].AnswerFound(New);
        await AssertAliveAsync(reader);

        // Act: just short of the delay nothing more is asked; at the delay the third is.
        Scheduler.Advance(Delay - TimeSpan.FromMilliseconds(1));
        await AssertAliveAsync(reader);
        var askedBeforeTheDelay = Replicas.CountOf(ReplicaCallKind.Read);
        Scheduler.Advance(TimeSpan.FromMilliseconds(1));
        var third = (await Replicas.TakeHeldAsync(1))[0];
        third.AnswerFound(New);

        // Assert: decided by the first and the third; the slow one is still awaited, then the read stops.
        askedBeforeTheDelay.Should().Be(2);
        third.NodeId.Should().Be("n3");
        (await replies.ExpectMsgAsync<ReadFound>()).Winner.Should().Be(New);
        await AssertAliveAsync(reader);
        calls[1].AnswerFound(New);
        await replies.ExpectTerminatedAsync(reader);
        ReadCounters.Speculated.Should().Be(1);
    }

    [Fact]
    public async Task Quorum_NoneAnswers_OneMoreEachDelayUntilAllAreAsked()
    {
        // Arrange
        var (reader, _) = StartRead(4, 2, fullReadChance: 0);
        await Replicas.TakeHeldAsync(2);

        // Act: each advance only once the aggregator has handled the ask before it (and so armed the delay).
        await AssertAliveAsync(reader);
        Scheduler.Advance(Delay);
        var third = await Replicas.TakeHeldAsync(1);
        await AssertAliveAsync(reader);
        Scheduler.Advance(Delay);
        var fourth = await Replicas.TakeHeldAsync(1);
        await AssertAliveAsync(reader);
        Scheduler.Advance(Delay * 3);
        await AssertAliveAsync(reader);

        // Assert: counted once as a read that speculated.
        (third[0].NodeId, fourth[0].NodeId).Should().Be(("n3", "n4"));
        Replicas.CountOf(ReplicaCallKind.Read).Should().Be(4);
        ReadCounters.Speculated.Should().Be(1);
    }

    [Fact]
    public async Task FullReadChanceOne_AsksAllThreeAtOnce()
    {
        // Arrange
        var (_, replies) = StartRead(3, 2, fullReadChance: 1);

        // Act
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].AnswerFound(New);
        calls[1].AnswerFound(New);

        // Assert
        calls.Select(call => call.NodeId).Should().Equal("n1", "n2", "n3");
        (await replies.ExpectMsgAsync<ReadFound>()).Winner.Should().Be(New);
        (ReadCounters.Speculated, ReadCounters.FullReads).Should().Be((0, 1));
    }

    [Fact]
    public async Task All_ChanceZero_AsksAllThreeWithoutCountingAFullRead()
    {
        // Arrange
        StartRead(3, 3, fullReadChance: 0);

        // Act
        var calls = await Replicas.TakeHeldAsync(3);

        // Assert
        calls.Select(call => call.NodeId).Should().Equal("n1", "n2", "n3");
        ReadCounters.FullReads.Should().Be(0);
    }

    [Fact]
    public async Task Quorum_TwoFail_FailsOnlyOnceTheUnaskedReplicaWasCounted()
    {
        // Arrange
        var (_, replies) = StartRead(3, 2, fullReadChance: 0);
        var calls = await Replicas.TakeHeldAsync(2);

        // Act
        calls[0].Fail();
        await Replicas.TakeHeldAsync(1);
        calls[1].Fail();

        // Assert
        var failed = await replies.ExpectMsgAsync<ReadFailed>();
        failed.Kind.Should().Be(FailureKind.QuorumNotReached);
        failed.Message.Should().StartWith("Quorum not reached: 0 of 3 replicas succeeded, 2 required (2 failed: ").And.EndWith("; 1 did not answer).");
    }

    [Fact]
    public async Task Quorum_AskedReplicasDiffer_RepairsTheStaleOneItRead()
    {
        // Arrange
        var (reader, replies) = StartRead(3, 2, fullReadChance: 0);
        var calls = await Replicas.TakeHeldAsync(2);

        // Act
        calls[0].AnswerFound(New);
        calls[1].AnswerFound(Old);

        // Assert: n2 is repaired; n3, never read, is left to sampled full reads.
        (await replies.ExpectMsgAsync<ReadFound>()).Winner.Should().Be(New);
        await replies.ExpectTerminatedAsync(reader);
        var job = await RepairJobs.ExpectMsgAsync<RepairJob>();
        job.Targets.Select(node => node.NodeId).Should().Equal("n2");
    }

    private (IActorRef Reader, TestProbe Replies) StartRead(int n, int r, double fullReadChance)
    {
        Replicas.Hold(ReplicaCallKind.Read);
        var request = new ReadAggregation(TestData.Tenant, TestData.Key, TestData.Nodes(n), r, Deadline(Timeout));
        return StartAggregator(ReadAggregatorActor.Props(request, Replicas, RepairSettings(ReadRepairMode.Async), Fanout(fullReadChance, Delay)));
    }
}
