using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Protocol.Coordinator;
using PairDb.Protocol.Storage;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// A storage node that lost its data (SIGKILLed, data directory deleted, restarted with the same id and port) is marked
/// rebuilding: listed so, never counted towards R, and a read that would need it fails rather than answer from it; with
/// anti-entropy on, it is refilled completely and its mark cleared.
/// </summary>
public sealed class RebuildingReplicaTests
{
    private const int Keys = 200;

    [Fact]
    public async Task WipeOneStorageNode_RestartedEmpty_MarkedRebuildingAndReadsStayCorrect()
    {
        // Anti-entropy off: nothing refills the wiped node in the background, so it stays marked through the test.
        await using var cluster = await ClusterHarness.StartAsync(
            storageNodes: 3, coordinators: 1, coordinatorEnvironment: new Dictionary<string, string> { ["ANTI_ENTROPY_ENABLED"] = "false" });
        var coordinator = cluster.Coordinator();
        var incarnation = (await cluster.Storage(1).StorageClient().HealthCheckAsync(new HealthCheckRequest(), GrpcClients.Within(TimeSpan.FromSeconds(10)))).Incarnation;
        incarnation.Should().NotBeEmpty("the storage node must report its database incarnation in HealthCheck");
        for (var i = 0; i < Keys; i++)
        {
            await Kv.WriteAsync(coordinator, "rebuild-" + i, "value-" + i);
        }

        await WaitForStatusAsync(coordinator, "storage-2", "active", cluster);

        cluster.KillStorage(1);
        cluster.WipeStorageData(1);
        await cluster.RestartStorageAsync(1);
        var node = await WaitForStatusAsync(coordinator, "storage-2", "rebuilding", cluster);

        node.RebuildingSince.Should().BeGreaterThan(0);
        (await cluster.Storage(1).StorageClient().HealthCheckAsync(new HealthCheckRequest(), GrpcClients.Within(TimeSpan.FromSeconds(10)))).Incarnation
            .Should().NotBe(incarnation);
        for (var i = 0; i < Keys; i++)
        {
            (await Kv.ReadAsync(coordinator, "rebuild-" + i, "one")).Value.ToStringUtf8().Should().Be("value-" + i);
            (await Kv.ReadAsync(coordinator, "rebuild-" + i, "quorum")).Value.ToStringUtf8().Should().Be("value-" + i);
            (await Kv.ReadAsync(coordinator, "rebuild-" + i, "all")).Value.ToStringUtf8().Should().Be("value-" + i);
        }

        // With another replica down, a QUORUM read has one replica that counts: it fails, naming the wiped one.
        cluster.KillStorage(2);
        var read = () => Kv.ReadAsync(coordinator, "rebuild-0", "quorum");
        var failure = (await read.Should().ThrowAsync<RpcException>()).Which;
        failure.StatusCode.Should().Be(StatusCode.Unavailable);
        failure.Status.Detail.Should().Contain("storage-2").And.Contain("rebuilding");
    }

    [Fact]
    public async Task WipeOneStorageNode_AntiEntropyOn_RefilledCompletelyThenCountedAgain()
    {
        await using var cluster = await ClusterHarness.StartAsync(
            storageNodes: 3, coordinators: 1, coordinatorEnvironment: new Dictionary<string, string> { ["ANTI_ENTROPY_RECHECK_INTERVAL_MS"] = "500" });
        var coordinator = cluster.Coordinator();
        for (var i = 0; i < Keys; i++)
        {
            await Kv.WriteAsync(coordinator, "refill-" + i, "value-" + i);
        }

        await WaitForStatusAsync(coordinator, "storage-2", "active", cluster);
        cluster.KillStorage(1);
        cluster.WipeStorageData(1);
        await cluster.RestartStorageAsync(1);

        // The mark is set (logged) and then cleared by anti-entropy once every range of the node synced after it.
        await WaitUntilAsync(() => cluster.CoordinatorProcess().Output.Contains("Storage node storage-2 lost its data", StringComparison.Ordinal), "the rebuild to be detected", cluster);
        var node = await WaitForStatusAsync(coordinator, "storage-2", "active", cluster);
        node.RebuildingSince.Should().Be(0);

        var held = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ReplicaScan.HeldAsync(cluster.Storage(i))));
        held[0].Should().HaveCount(Keys);
        held[1].Should().Equal(held[0], "anti-entropy refilled every key of the wiped node before clearing its mark");
        held[2].Should().Equal(held[0]);
        for (var i = 0; i < Keys; i += 10)
        {
            (await Kv.ReadAsync(coordinator, "refill-" + i, "all")).Value.ToStringUtf8().Should().Be("value-" + i);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 60 s for {what}.\n{cluster.Logs()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Polls ListStorageNodes until the node shows <paramref name="status"/>; returns it.</summary>
    private static async Task<StorageNodeInfo> WaitForStatusAsync(GrpcChannel coordinator, string nodeId, string status, ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var seen = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var nodes = await coordinator.CoordinatorClient().ListStorageNodesAsync(new ListStorageNodesRequest(), GrpcClients.Within(TimeSpan.FromSeconds(10))).ResponseAsync;
                var node = nodes.Nodes.Single(n => n.NodeId == nodeId);
                if (node.Status == status)
                {
                    return node;
                }

                seen = node.Status;
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                seen = ex.Status.ToString();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{nodeId} did not show {status} within 60 s; last seen: {seen}\n{cluster.Logs()}");
    }
}
