using System.Collections.Concurrent;
using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Hinted handoff with real processes: a storage node SIGKILLed during QUORUM writes gets every write it missed back
/// from the coordinator's hints once it restarts, with no read of any key.
/// </summary>
public sealed class HintedHandoffTests
{
    private const int Keys = 2000;

    [Fact]
    public async Task KillOneStorageNode_QuorumWritesThenRestart_HintsBringItToTheOtherReplicasVersionsWithoutReads()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1);
        var coordinator = cluster.Coordinator();
        cluster.KillStorage(1);

        // Every key of the default tenant (RF 3) has all three nodes as replicas, so each write misses storage-2.
        var acknowledged = new ConcurrentBag<int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Keys), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var written = await Kv.WriteAsync(coordinator, "hinted-" + i, "value-" + i);
            acknowledged.Add(written.ReplicaCount);
        });
        acknowledged.Should().HaveCount(Keys).And.OnlyContain(static count => count == 2, "a hint never counts as an acknowledgement");
        (await WaitForPendingAsync(coordinator, "storage-2", static pending => pending == Keys, cluster))
            .Should().Be(Keys, "each write leaves one hint for the replica that missed it");

        await cluster.RestartStorageAsync(1);
        await WaitForPendingAsync(coordinator, "storage-2", static pending => pending == 0, cluster);

        var held = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ReplicaScan.HeldAsync(cluster.Storage(i))));
        held[0].Should().HaveCount(Keys);
        held[2].Should().Equal(held[0], "the replicas that took every write agree");
        var wrong = held[0].Where(pair => held[1].GetValueOrDefault(pair.Key) != pair.Value)
            .Select(pair => $"{pair.Key}: storage-2 holds {held[1].GetValueOrDefault(pair.Key) ?? "nothing"}, the others {pair.Value}")
            .ToList();
        wrong.Should().BeEmpty("the restarted replica must hold exactly the others' latest versions after the hints replayed");
        held[1].Should().HaveCount(Keys);
    }

    /// <summary>Polls ListStorageNodes until the node's pending hints satisfy <paramref name="done"/>; returns the last count.</summary>
    private static async Task<long> WaitForPendingAsync(GrpcChannel coordinator, string nodeId, Func<long, bool> done, ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var nodes = await coordinator.CoordinatorClient().ListStorageNodesAsync(new ListStorageNodesRequest(), GrpcClients.Within(TimeSpan.FromSeconds(10))).ResponseAsync;
                var pending = nodes.Nodes.Single(node => node.NodeId == nodeId).PendingHints;
                if (done(pending))
                {
                    return pending;
                }

                last = $"{pending} hints pending";
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Pending hints for {nodeId} did not reach the expected count within 90 s; last seen: {last}\n{cluster.Logs()}");
    }
}
