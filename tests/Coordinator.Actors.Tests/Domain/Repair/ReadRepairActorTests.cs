using FluentAssertions;
using PairDb.Actors.Kernel;
using PairDb.Actors.Quorum;
using PairDb.Actors.Repair;
using PairDb.Actors.Tests.Domain.Support;
using PairDb.Actors.Tests.Kernel.Support;
using PairDb.Messages.Protocols;
using PairDb.Messages.Values;

namespace PairDb.Actors.Tests.Domain.Repair;

/// <summary>The repair actor's bounds and counters; every replica repair is held until the spec answers it.</summary>
public sealed class ReadRepairActorTests
{
    private static readonly VersionedValue Current = TestData.Version("current", 20, ("x", 2));

    [Fact]
    public async Task RepairJob_MoreTargetsThanSlots_RunsAtMostMaxConcurrentAndDropsBeyondTheQueue()
    {
        // Arrange: two at once, three waiting at most.
        await using var env = new DomainEnvironment();
        env.Replicas.Hold(ReplicaCallKind.Repair);
        var counters = new RepairCounters();
        var repairer = env.System.ActorOf(ReadRepairActor.Props(env.Replicas, counters, maxConcurrent: 2, queueCapacity: 3, TimeSpan.FromSeconds(1)), "read-repair");
        var nodes = TestData.Nodes(6);

        // Act: two targets start; four more find two running and three places in the queue.
        repairer.Tell(Job(nodes[0], nodes[1])).Should().Be(TellResult.Delivered);
        var running = await env.Replicas.TakeHeldAsync(2);
        repairer.Tell(Job(nodes[2], nodes[3], nodes[4], nodes[5])).Should().Be(TellResult.Delivered);
        await Bounded.UntilAsync(() => counters.Dropped == 1);

        // Assert: only the two running calls were made; the first outcomes let queued ones start, one each.
        env.Replicas.CountOf(ReplicaCallKind.Repair).Should().Be(2);
        running.Select(call => call.NodeId).Should().Equal("n1", "n2");
        running[0].Versions.Should().Equal(Current);
        counters.Triggered.Should().Be(2);

        running[0].Acknowledge();
        var third = (await env.Replicas.TakeHeldAsync(1))[0];
        running[1].Fail("node down");
        var fourth = (await env.Replicas.TakeHeldAsync(1))[0];
        env.Replicas.CountOf(ReplicaCallKind.Repair).Should().Be(4);
        (third.NodeId, fourth.NodeId).Should().Be(("n3", "n4"));

        third.Fault(new IOException("reset"));
        fourth.Acknowledge();
        var fifth = (await env.Replicas.TakeHeldAsync(1))[0];
        fifth.Acknowledge();
        await Bounded.UntilAsync(() => counters.Succeeded + counters.Failed == 5);
        fifth.NodeId.Should().Be("n5");
        (counters.Triggered, counters.Succeeded, counters.Failed, counters.Dropped).Should().Be((5, 3, 2, 1));
        env.Replicas.CountOf(ReplicaCallKind.Repair).Should().Be(5);
    }

    [Fact]
    public async Task StaleRead_ThroughTheRepairActor_StaleReplicasGetTheMergedState()
    {
        // Arrange: n2 holds an older version, n3 nothing; the production repair actor receives the read's job.
        await using var env = new DomainEnvironment();
        var counters = new RepairCounters();
        var repairer = env.System.ActorOf(ReadRepairActor.Props(env.Replicas, counters, 4, 16, TimeSpan.FromSeconds(1)), "read-repair");
        env.Replicas.Seed(TestData.N1, TestData.Tenant, TestData.Key, Current);
        env.Replicas.Seed(TestData.N2, TestData.Tenant, TestData.Key, TestData.Version("old", 10, ("x", 1)));
        var request = new ReadAggregation(TestData.Tenant, TestData.Key, TestData.ThreeNodes, 2, env.Deadline(TimeSpan.FromSeconds(2)));
        var settings = new ReadRepairSettings(ReadRepairMode.Async, 3, repairer, counters);

        // Act
        var reader = env.System.ActorOf(ReadAggregatorActor.Props(request, env.Replicas, settings), "read");
        var reply = await reader.Ask<ReadReply>(new StartAggregation(), DomainEnvironment.AskTimeout).WithinBound();

        // Assert
        reply.Should().BeOfType<ReadFound>().Which.Winner.Should().Be(Current);
        await Bounded.UntilAsync(() => counters.Succeeded == 2);
        env.Replicas.Calls(ReplicaCallKind.Repair).Select(call => call.NodeId).Should().BeEquivalentTo(["n2", "n3"]);
        foreach (var node in TestData.ThreeNodes)
        {
            env.Replicas.Stored(node, TestData.Tenant, TestData.Key).Should().Equal(Current);
        }

        (counters.Triggered, counters.Failed, counters.Dropped).Should().Be((2, 0, 0));
    }

    private static RepairJob Job(params StorageNode[] targets) => new(TestData.Tenant, TestData.Key, [Current], targets);
}
