using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>Coordinator + three storage node processes; storage nodes killed with SIGKILL and restarted.</summary>
public sealed class ReplicaFailureTests
{
    [Fact]
    public async Task KillOneStorageNode_QuorumKeepsWorkingAllFails_RestartRepairsOnRead()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1);
        var coordinator = cluster.Coordinator();
        var keys = Enumerable.Range(0, 40).Select(static i => "failover-" + i).ToArray();
        foreach (var key in keys)
        {
            await Kv.WriteAsync(coordinator, key, "before");
        }

        cluster.KillStorage(1);
        var latest = new Dictionary<string, string>();
        foreach (var key in keys)
        {
            var written = await Kv.WriteAsync(coordinator, key, "after-" + key);
            written.ReplicaCount.Should().Be(2);
            latest[key] = Kv.Text(written.VectorClock);
            (await Kv.ReadAsync(coordinator, key)).Value.ToStringUtf8().Should().Be("after-" + key);
        }

        // Once the failure detector holds storage-2 down, an ALL write is refused before anything is sent, so it
        // leaves no trace (a write that fails its quorum after sending may have reached some replicas).
        await WaitUntilDownAsync(coordinator, "storage-2");
        var writeAll = () => Kv.WriteAsync(coordinator, keys[0], "all", consistency: "all");
        var readAll = () => Kv.ReadAsync(coordinator, keys[0], consistency: "all");
        var writeError = (await writeAll.Should().ThrowAsync<RpcException>()).Which;
        writeError.StatusCode.Should().Be(StatusCode.Unavailable);
        writeError.Status.Detail.Should().Contain("of 3 replicas").And.Contain("nothing was written");
        (await readAll.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unavailable);

        await cluster.RestartStorageAsync(1);
        foreach (var key in keys)
        {
            var read = await ReadAllWithRetryAsync(coordinator, key);
            read.Value.ToStringUtf8().Should().Be("after-" + key);
        }

        // Async read repair: the restarted replica catches up shortly after the ALL reads.
        var storage = cluster.Storage(1);
        foreach (var key in keys)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            string held;
            do
            {
                try
                {
                    var replica = await Kv.ReadReplicaAsync(storage, key);
                    held = replica.Found && replica.Versions.Count == 1 ? Kv.Text(replica.Versions[0].Clock) : "(stale)";
                    if (held == latest[key])
                    {
                        break;
                    }
                }
                catch (RpcException ex) when (TransientRpc.Is(ex))
                {
                    held = ex.Status.ToString();
                }

                await Task.Delay(100);
            }
            while (DateTime.UtcNow < deadline);

            held.Should().Be(latest[key], $"the restarted replica must hold the latest version of {key} after read repair");
        }
    }

    private static async Task WaitUntilDownAsync(GrpcChannel coordinator, string nodeId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var ring = await coordinator.CoordinatorClient().GetRingAsync(
                    new PairDb.Protocol.Coordinator.GetRingRequest { TenantId = "default" }, GrpcClients.Within(TimeSpan.FromSeconds(5))).ResponseAsync;
                var node = ring.Nodes.SingleOrDefault(n => n.NodeId == nodeId);
                if (node?.Status == "inactive")
                {
                    return;
                }

                last = node?.Status ?? "not in the ring";
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The failure detector did not hold {nodeId} down within 30 s; last seen: {last}");
    }

    /// <summary>Until the coordinator's connection to the restarted node is back, ALL may still fail: retry briefly.</summary>
    private static async Task<PairDb.Protocol.Coordinator.ReadKeyValueResponse> ReadAllWithRetryAsync(GrpcChannel coordinator, string key)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await Kv.ReadAsync(coordinator, key, consistency: "all");
            }
            catch (RpcException ex) when (TransientRpc.Is(ex) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
