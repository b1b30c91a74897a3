using Akka.Actor;
using FluentAssertions;
using PairDb.Actors.Quorum;
using PairDb.Actors.Repair;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Repair;

/// <summary>
/// The repair actor's bounds and counters; every replica repair is held until the spec answers it. The bound on waiting
/// repairs is the actor's own queue: a job is queued or dropped (and counted) the moment the actor takes it.
/// </summary>
public sealed class ReadRepairActorTests : DomainSpec
{
    private static readonly VersionedValue Current = TestData.Version("current", 20, ("x", 2));

    [Fact]
    public async Task RepairJob_MoreTargetsThanSlots_RunsAtMostMaxConcurrentAndDropsBeyondTheQueue()
    {
        // Arrange: two at once, three waiting at most.
        Replicas.Hold(ReplicaCallKind.Repair);
        var counters = new RepairCounters();
        var repairer = Sys.ActorOf(ReadRepairActor.Props(Replicas, counters, maxConcurrent: 2, queueCapacity: 3, TimeSpan.FromSeconds(1)), "read-repair");
        var nodes = TestData.Nodes(6);

        // Act: two targets start; four more find two running and three places in the queue.
        repairer.Tell(Job(nodes[0], nodes[1]));
        var running = await Replicas.TakeHeldAsync(2);
        repairer.Tell(Job(nodes[2], nodes[3], nodes[4], nodes[5]));
        await AwaitAssertAsync(() => counters.Dropped.Should().Be(1));

        // Assert: only the two running calls were made; the first outcomes let queued ones start, one each.
        Replicas.CountOf(ReplicaCallKind.Repair).Should().Be(2);
        running.Select(call => call.NodeId).Should().Equal("n1", "n2");
        running[0].Versions.Should().Equal(Current);
        counters.Triggered.Should().Be(2);

        running[0].Acknowledge();
        var third = (await Replicas.TakeHeldAsync(1))[0];
        running[1].Fail("node down");
        var fourth = (await Replicas.TakeHeldAsync(1))[0];
        Replicas.CountOf(ReplicaCallKind.Repair).Should().Be(4);
        (third.NodeId, fourth.NodeId).Should().Be(("n3", "n4"));

        third.Fault(new IOException("reset"));
        fourth.Acknowledge();
        var fifth = (await Replicas.TakeHeldAsync(1))[0];
        fifth.Acknowledge();
        await AwaitAssertAsync(() => (counters.Succeeded + counters.Failed).Should().Be(5));
        fifth.NodeId.Should().Be("n5");
        (counters.Triggered, counters.Succeeded, counters.Failed, counters.Dropped).Should().Be((5, 3, 2, 1));
        Replicas.CountOf(ReplicaCallKind.Repair).Should().Be(5);
    }

    [Fact]
    public async Task StaleRead_ThroughTheRepairActor_StaleReplicasGetTheMergedState()
    {
        // Arrange: n2 holds an older version, n3 nothing; the production repair actor receives the read's job.
        var counters = new RepairCounters();
        var repairer = Sys.ActorOf(ReadRepairActor.Props(Replicas, counters, 4, 16, TimeSpan.FromSeconds(1)), "read-repair");
        Replicas.Seed(TestData.N1, TestData.Tenant, TestData.Key, Current);
        Replicas.Seed(TestData.N2, TestData.Tenant, TestData.Key, TestData.Version("old", 10, ("x", 1)));
        var request = new ReadAggregation(TestData.Tenant, TestData.Key, TestData.ThreeNodes, 2, Deadline(TimeSpan.FromSeconds(2)));
        var settings = new ReadRepairSettings(ReadRepairMode.Async, 3, repairer, counters);

        // Act
        var reader = Sys.ActorOf(ReadAggregatorActor.Props(request, Replicas, settings, FullReads), "read");
        var reply = await reader.Ask<ReadReply>(new StartAggregation(), AskTimeout);

        // Assert
        reply.Should().BeOfType<ReadFound>().Which.Winner.Should().Be(Current);
        await AwaitAssertAsync(() => counters.Succeeded.Should().Be(2));
        Replicas.Calls(ReplicaCallKind.Repair).Select(call => call.NodeId).Should().BeEquivalentTo(["n2", "n3"]);
        foreach (var node in TestData.ThreeNodes)
        {
            Replicas.Stored(node, TestData.Tenant, TestData.Key).Should().Equal(Current);
        }

        (counters.Triggered, counters.Failed, counters.Dropped).Should().Be((2, 0, 0));
    }

    private static RepairJob Job(params StorageNode[] targets) => new(TestData.Tenant, TestData.Key, [Current], targets);
}
