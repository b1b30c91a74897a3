using Akka.Actor;
using Akka.TestKit;
using FluentAssertions;
using PairDb.Actors.Quorum;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Repair;

/// <summary>
/// Which replicas a read repairs, and when: async hands one job with exactly the stale replicas to the repair actor
/// once every replica answered; sync repairs them before replying.
/// </summary>
public sealed class ReadRepairTargetTests : DomainSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    // Old is dominated by New; A and B are concurrent siblings.
    private static readonly VersionedValue Old = TestData.Version("old", 10, ("x", 1));
    private static readonly VersionedValue New = TestData.Version("new", 20, ("x", 2));
    private static readonly VersionedValue A = TestData.Version("a", 30, ("x", 1), ("y", 1));
    private static readonly VersionedValue B = TestData.Version("b", 40, ("x", 1), ("z", 1));

    public static TheoryData<string, VersionedValue[][], VersionedValue[], string[]> StaleStates => new()
    {
        { "dominated", [[New], [Old], [New]], [New], ["n2"] },
        { "missing sibling", [[A, B], [A], [A, B]], [B, A], ["n2"] },
        { "not found", [[New], [], [New]], [New], ["n2"] },
        { "dominated and not found", [[Old], [], [New]], [New], ["n1", "n2"] },
        { "all current", [[A, B], [B, A], [A, B]], [B, A], [] },
    };

    [Theory]
    [MemberData(nameof(StaleStates))]
    public async Task AsyncRead_StaleReplicas_RepairJobTargetsExactlyThemAfterAllAnswered(
        string scenario, VersionedValue[][] held, VersionedValue[] merged, string[] stale)
    {
        // Arrange
        var (reader, replies) = StartRead(ReadRepairMode.Async);
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].AnswerFound(held[0]);
        calls[1].AnswerFound(held[1]);
        await replies.ExpectMsgAsync<ReadReply>();
        var jobBeforeTheLastReply = RepairJobs.HasMessages;

        // Act: the last replica answers after the reply.
        calls[2].AnswerFound(held[2]);
        await replies.ExpectTerminatedAsync(reader);

        // Assert
        jobBeforeTheLastReply.Should().BeFalse(scenario);
        if (stale.Length == 0)
        {
            await RepairJobs.ExpectNoMsgAsync(TimeSpan.Zero);
            return;
        }

        var job = await RepairJobs.ExpectMsgAsync<RepairJob>();
        job.Targets.Select(node => node.NodeId).Should().Equal(stale, scenario);
        job.Versions.Should().Equal(merged, scenario);
        (job.TenantId, job.Key).Should().Be((TestData.Tenant, TestData.Key));
        await RepairJobs.ExpectNoMsgAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task AsyncRead_FailedReplica_NotRepairedSinceItsStateIsUnknown()
    {
        // Arrange
        var (reader, replies) = StartRead(ReadRepairMode.Async);
        var calls = await Replicas.TakeHeldAsync(3);

        // Act
        calls[0].AnswerFound(New);
        calls[1].Fail();
        calls[2].AnswerFound(Old);

        // Assert
        (await replies.ExpectMsgAsync<ReadFound>()).Winner.Should().Be(New);
        var job = await RepairJobs.ExpectMsgAsync<RepairJob>();
        job.Targets.Select(node => node.NodeId).Should().Equal("n3");
    }

    [Fact]
    public async Task AsyncRead_DeadlineWithAStraggler_RepairsOnlyTheStaleReplicasThatAnswered()
    {
        // Arrange
        var (reader, replies) = StartRead(ReadRepairMode.Async);
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].AnswerFound(New);
        calls[1].AnswerFound(Old);
        await replies.ExpectMsgAsync<ReadFound>();

        // Act
        Scheduler.Advance(Timeout);

        // Assert
        var job = await RepairJobs.ExpectMsgAsync<RepairJob>();
        job.Targets.Select(node => node.NodeId).Should().Equal("n2");
        await replies.ExpectTerminatedAsync(reader);
    }

    [Fact]
    public async Task SyncRead_StaleReplica_RepairedBeforeTheReply()
    {
        // Arrange

        // Act: every replica answers, n2 with a stale version; its repair is held open.
        var (reader, replies, repair) = await SyncReadWithHeldRepairAsync();
        var repliedBeforeRepair = replies.HasMessages;
        repair.Acknowledge();

        // Assert: no reply until the repair finished; the repair carried the merged state; no async job.
        repliedBeforeRepair.Should().BeFalse();
        repair.NodeId.Should().Be("n2");
        repair.Versions.Should().Equal(New);
        (await replies.ExpectMsgAsync<ReadFound>()).Winner.Should().Be(New);
        await replies.ExpectTerminatedAsync(reader);
        await RepairJobs.ExpectNoMsgAsync(TimeSpan.Zero);
        (RepairCounters.Triggered, RepairCounters.Succeeded, RepairCounters.Failed).Should().Be((1, 1, 0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SyncRead_RepairFails_CountedAsAFailedRepairAndTheReadStillSucceeds(bool faulted)
    {
        // Arrange
        var (reader, replies, repair) = await SyncReadWithHeldRepairAsync();

        // Act: the stale replica refuses the repair (an error value, or a faulted task the contract forbids).
        if (faulted)
        {
            repair.Fault(new InvalidOperationException("boom"));
        }
        else
        {
            repair.Fail();
        }

        // Assert
        (await replies.ExpectMsgAsync<ReadFound>()).Winner.Should().Be(New);
        await replies.ExpectTerminatedAsync(reader);
        (RepairCounters.Triggered, RepairCounters.Succeeded, RepairCounters.Failed).Should().Be((1, 0, 1));
    }

    [Fact]
    public async Task SyncRead_StragglerNeverAnswers_RepliesAtTheDeadlineAndHandsRepairToTheRepairer()
    {
        // Arrange
        var (reader, replies) = StartRead(ReadRepairMode.Sync);
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].AnswerFound(New);
        calls[1].AnswerNotFound();

        // Act: the deadline passes with one replica silent, leaving no time to repair before replying.
        Scheduler.Advance(Timeout);

        // Assert: the read replies at once and the stale replica is repaired asynchronously, not with a spent deadline.
        (await replies.ExpectMsgAsync<ReadFound>()).Winner.Should().Be(New);
        var job = await RepairJobs.ExpectMsgAsync<RepairJob>();
        job.Targets.Select(node => node.NodeId).Should().Equal("n2");
        Replicas.Calls(ReplicaCallKind.Repair).Should().BeEmpty();
    }

    /// <summary>A sync-mode read whose replicas answer New, Old, New: returns once n2's repair is sent, and holds it.</summary>
    private async Task<(IActorRef Reader, TestProbe Replies, ReplicaCall Repair)> SyncReadWithHeldRepairAsync()
    {
        Replicas.Hold(ReplicaCallKind.Repair);
        var (reader, replies) = StartRead(ReadRepairMode.Sync);
        var calls = await Replicas.TakeHeldAsync(3);
        calls[0].AnswerFound(New);
        calls[1].AnswerFound(Old);
        calls[2].AnswerFound(New);
        return (reader, replies, (await Replicas.TakeHeldAsync(1))[0]);
    }

    private (IActorRef Reader, TestProbe Replies) StartRead(ReadRepairMode mode)
    {
        Replicas.Hold(ReplicaCallKind.Read);
        var request = new ReadAggregation(TestData.Tenant, TestData.Key, TestData.ThreeNodes, 2, Deadline(Timeout));
        return StartAggregator(ReadAggregatorActor.Props(request, Replicas, RepairSettings(mode), FullReads));
    }
}
