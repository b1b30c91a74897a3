using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Integration.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;
using Xunit.Abstractions;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// A partition between the coordinator and one of three storage nodes, made by a fault proxy on that link (the node is
/// registered at the proxy's address) under a continuous QUORUM writer and reader: the link drops, heals, blackholes,
/// heals. No acknowledged write is lost, the node's hints bring the replicas back together, and the node is listed
/// up again without an operator.
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class StoragePartitionTests(ITestOutputHelper output)
{
    private const string CutNode = "storage-3";
    private static readonly TimeSpan FaultBound = TimeSpan.FromSeconds(60);

    /// <summary>
    /// What a call may fail with while a replica is cut off (README, Errors): UNAVAILABLE when a quorum could not be
    /// reached, DEADLINE_EXCEEDED when the call's deadline passed first, RESOURCE_EXHAUSTED when calls piled up on the
    /// slow link. With two of three replicas reachable a QUORUM call should not fail at all; these are the only ways it
    /// may.
    /// </summary>
    private static readonly StatusCode[] FaultStatuses = [StatusCode.Unavailable, StatusCode.DeadlineExceeded, StatusCode.ResourceExhausted];

    [Fact]
    public async Task DropHealBlackholeHeal_CoordinatorToOneStorageNode_NoAcknowledgedWriteLostReplicasConvergeNodeUpAgain()
    {
        // Arrange: storage-3 is reached through the proxy; the test's own clients reach every node directly.
        await using var proxies = new TcpFaultProxies();
        TcpFaultProxy? link = null;
        await using var cluster = await ClusterHarness.StartAsync(
            storageNodes: 3, coordinators: 1, routes: new ClusterRoutes { Storage = (i, port) => i == 2 ? (link = proxies.Start(port)).Port : port });
        var coordinator = cluster.Coordinator();
        var proxy = link!;
        await using var load = QuorumLoad.Start(cluster, through: [0], readers: 4);
        await load.WaitForAcknowledgedAsync(200);

        // Act: drop, heal, blackhole, heal; each fault lasts until the failure detector holds the node down and the
        // load has gone on without it, each heal until the node is up again and the load has gone on with it.
        proxy.Drop();
        await WaitForStatusAsync(coordinator, "inactive", cluster);
        await load.WaitForAcknowledgedAsync(load.Acknowledged + 300);
        proxy.Heal();
        await WaitForStatusAsync(coordinator, "active", cluster);
        await load.WaitForAcknowledgedAsync(load.Acknowledged + 300);
        proxy.Blackhole();
        await WaitForStatusAsync(coordinator, "inactive", cluster);
        await load.WaitForAcknowledgedAsync(load.Acknowledged + 300);
        var swallowed = proxy.DiscardedBytes;
        proxy.Heal();
        await WaitForStatusAsync(coordinator, "active", cluster);
        await load.WaitForAcknowledgedAsync(load.Acknowledged + 300);
        await load.StopAsync();

        // Assert
        output.WriteLine($"{load.Acknowledged} writes acknowledged, {load.Reads} reads, {load.Failures} calls failed; blackhole swallowed {swallowed} bytes");
        swallowed.Should().BePositive("the blackhole must have cut traffic that was sent to the node");
        load.FailureStatuses.Should().BeSubsetOf(FaultStatuses, load.FailureSample());
        await WaitForNoPendingHintsAsync(coordinator, cluster);
        await load.VerifyNothingLostAsync(coordinator);
        await WaitForConvergenceAsync(cluster);
        (await ListedStatusAsync(coordinator)).Should().Be("active", "the node answers health checks again without an operator");
    }

    /// <summary>The cut node's status in GetRing, which follows the coordinator's failure detector.</summary>
    private static async Task WaitForStatusAsync(GrpcChannel coordinator, string status, ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow + FaultBound;
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            var ring = await coordinator.CoordinatorClient().GetRingAsync(new GetRingRequest(), GrpcClients.Within(TimeSpan.FromSeconds(10))).ResponseAsync;
            last = ring.Nodes.Single(static n => n.NodeId == CutNode).Status;
            if (last == status)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{CutNode} stayed {last}, not {status}, for {FaultBound.TotalSeconds} s.\n{cluster.Logs()}");
    }

    private static async Task<string> ListedStatusAsync(GrpcChannel coordinator)
    {
        var nodes = await coordinator.CoordinatorClient().ListStorageNodesAsync(new ListStorageNodesRequest(), GrpcClients.Within(TimeSpan.FromSeconds(10))).ResponseAsync;
        return nodes.Nodes.Single(static n => n.NodeId == CutNode).Status;
    }

    private static async Task WaitForNoPendingHintsAsync(GrpcChannel coordinator, ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow + FaultBound;
        long pending = -1;
        while (DateTime.UtcNow < deadline)
        {
            var nodes = await coordinator.CoordinatorClient().ListStorageNodesAsync(new ListStorageNodesRequest(), GrpcClients.Within(TimeSpan.FromSeconds(10))).ResponseAsync;
            pending = nodes.Nodes.Single(static n => n.NodeId == CutNode).PendingHints;
            if (pending == 0)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{pending} hints for {CutNode} still pending after {FaultBound.TotalSeconds} s.\n{cluster.Logs()}");
    }

    /// <summary>Scans every node's ranges until all three hold the same versions of every key.</summary>
    private static async Task WaitForConvergenceAsync(ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow + FaultBound;
        while (true)
        {
            var held = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ReplicaScan.HeldAsync(cluster.Storage(i))));
            var differing = held[0].Keys.Union(held[1].Keys).Union(held[2].Keys)
                .Where(key => held.Select(h => h.GetValueOrDefault(key)).Distinct().Count() > 1)
                .Select(key => $"{key}: {string.Join(" / ", held.Select(h => h.GetValueOrDefault(key) ?? "nothing"))}")
                .ToList();
            if (differing.Count == 0)
            {
                held[0].Should().NotBeEmpty();
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"the replicas must converge; {differing.Count} keys differ:\n{string.Join("\n", differing.Take(10))}");
            await Task.Delay(500);
        }
    }
}
