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
        await WaitForListedAsync(coordinator, static n => n.PendingHints == 0, "without pending hints", cluster);
        await load.VerifyNothingLostAsync(coordinator);
        await WaitForConvergenceAsync(cluster);
        await WaitForListedAsync(coordinator, static n => n.Status == "active", "listed active (answering health checks) without an operator", cluster);
    }

    /// <summary>The cut node's status in GetRing, which follows the coordinator's failure detector.</summary>
    private static async Task WaitForStatusAsync(GrpcChannel coordinator, string status, ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow + FaultBound;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var ring = await coordinator.CoordinatorClient().GetRingAsync(new GetRingRequest(), GrpcClients.Within(TimeSpan.FromSeconds(10))).ResponseAsync;
                last = ring.Nodes.Single(static n => n.NodeId == CutNode).Status;
                if (last == status)
                {
                    return;
                }
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{CutNode} did not show {status} within {FaultBound.TotalSeconds} s; last seen: {last}\n{cluster.Logs()}");
    }

    /// <summary>
    /// Polls ListStorageNodes (which asks each node's health and counts the hints held for it) until the cut node's
    /// entry satisfies <paramref name="done"/>.
    /// </summary>
    private static async Task WaitForListedAsync(GrpcChannel coordinator, Func<StorageNodeInfo, bool> done, string what, ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow + FaultBound;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var nodes = await coordinator.CoordinatorClient().ListStorageNodesAsync(new ListStorageNodesRequest(), GrpcClients.Within(TimeSpan.FromSeconds(10))).ResponseAsync;
                var node = nodes.Nodes.Single(static n => n.NodeId == CutNode);
                if (done(node))
                {
                    return;
                }

                last = $"{node.Status}, {node.PendingHints} hints pending";
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{CutNode} was not {what} within {FaultBound.TotalSeconds} s; last seen: {last}\n{cluster.Logs()}");
    }

    /// <summary>Scans every node's ranges until all three hold the same versions of every key.</summary>
    private static async Task WaitForConvergenceAsync(ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow + FaultBound;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
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

                last = $"{differing.Count} keys differ:\n{string.Join("\n", differing.Take(10))}";
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The replicas did not converge within {FaultBound.TotalSeconds} s; last seen: {last}\n{cluster.Logs()}");
    }
}
