using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Anti-entropy with real processes and hinted handoff off: a storage node SIGKILLed during QUORUM writes is brought to
/// the other replicas' versions by one pass after it restarts, with no read; and a key deleted while a replica was down
/// is not collected while that replica is away, and does not come back once it returns, the grace passes and
/// collection runs.
/// </summary>
public sealed class AntiEntropyTests
{
    private const int Keys = 2000;
    private static readonly TimeSpan PassBound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task HintsOff_KillOneStorageNode_QuorumWritesThenRestart_OnePassBringsItToTheOtherReplicas()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1, coordinatorEnvironment: Settings(grace: "1h"));
        var coordinator = cluster.Coordinator();
        cluster.KillStorage(1);
        await Parallel.ForEachAsync(Enumerable.Range(0, Keys), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var written = await Kv.WriteAsync(coordinator, "entropy-" + i, "value-" + i);
            written.ReplicaCount.Should().Be(2);
        });

        await cluster.RestartStorageAsync(1);
        var restartedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var status = await RepairStatusPolling.FullPassStartedAfterAsync(coordinator, restartedAt, PassBound, cluster);

        var held = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ReplicaScan.HeldAsync(cluster.Storage(i))));
        held[0].Should().HaveCount(Keys);
        held[1].Should().Equal(held[0], "one pass after the restart brings the replica that missed every write to the others' versions");
        held[2].Should().Equal(held[0]);
        status.Ranges.Should().OnlyContain(r => r.SyncedAt >= restartedAt, "the pass waited for synced every range after the restart");
        status.AllSyncedSince.Should().BeGreaterThanOrEqualTo(restartedAt);
    }

    [Fact]
    public async Task HintsOff_KeyDeletedWhileAReplicaWasDown_KeptUntilItReturns_ThenCollectedAndNeverBack()
    {
        await using var cluster = await ClusterHarness.StartAsync(storageNodes: 3, coordinators: 1, coordinatorEnvironment: Settings(grace: "2s"));
        var coordinator = cluster.Coordinator();
        var keys = Enumerable.Range(0, 50).Select(i => "deleted-" + i).ToList();
        foreach (var key in keys)
        {
            await Kv.WriteAsync(coordinator, key, "doomed");
        }

        await Kv.WriteAsync(coordinator, "kept", "alive");
        cluster.KillStorage(2);
        foreach (var key in keys)
        {
            var deleted = await coordinator.CoordinatorClient().DeleteKeyValueAsync(
                new DeleteKeyValueRequest { TenantId = "default", Key = key, Consistency = "quorum" }, GrpcClients.Within(TimeSpan.FromSeconds(10)));
            deleted.Success.Should().BeTrue();
        }

        // Passes run while storage-3 is down: its ranges are skipped, so the tombstones (older than the grace by now) stay.
        var whileDown = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3;
        await WaitForAttemptsAfterAsync(coordinator, whileDown, cluster);
        var survivors = await ReplicaScan.HeldAsync(cluster.Storage(0));
        survivors.Where(pair => pair.Key.StartsWith("deleted-", StringComparison.Ordinal)).Should().HaveCount(keys.Count)
            .And.OnlyContain(pair => pair.Value.Contains("tombstone"), "no tombstone is collected while a replica of its range is away");

        await cluster.RestartStorageAsync(2);
        var back = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3;
        await RepairStatusPolling.FullPassStartedAfterAsync(coordinator, back, PassBound, cluster);
        await RepairStatusPolling.FullPassStartedAfterAsync(coordinator, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1, PassBound, cluster);

        var held = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ReplicaScan.HeldAsync(cluster.Storage(i))));
        foreach (var node in held)
        {
            node.Keys.Should().Equal(["kept"], "every replica collected the deleted keys, the returning one's old values included");
        }

        foreach (var key in keys.Take(10))
        {
            var read = async () => await Kv.ReadAsync(coordinator, key, "all");
            (await read.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound, $"{key} was deleted and must not come back");
        }
    }

    private static Dictionary<string, string> Settings(string grace) => new()
    {
        ["HINTS_ENABLED"] = "false",
        ["ANTI_ENTROPY_INTERVAL"] = "2s",
        ["ANTI_ENTROPY_RECHECK_INTERVAL_MS"] = "500",
        ["STORAGE_TOMBSTONE_GRACE"] = grace,
    };

    /// <summary>Waits until every range has been attempted (and, with a replica down, skipped) since <paramref name="after"/>.</summary>
    private static async Task WaitForAttemptsAfterAsync(GrpcChannel coordinator, long after, ClusterHarness cluster)
    {
        var deadline = DateTime.UtcNow + PassBound;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var status = await coordinator.CoordinatorClient().GetRepairStatusAsync(
                    new GetRepairStatusRequest { IncludeRanges = true }, GrpcClients.Within(TimeSpan.FromSeconds(10))).ResponseAsync;
                if (status.Ranges.Count > 0 && status.Ranges.All(r => r.AttemptedAt >= after))
                {
                    status.Ranges.Should().OnlyContain(r => r.LastError.Contains("down") || r.LastError.Contains("failed"), "storage-3 is a replica of every range at RF 3");
                    return;
                }

                last = status.ToString();
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Anti-entropy did not attempt every range after {after} within {PassBound.TotalSeconds} s; last status: {last}\n{cluster.Logs()}");
    }
}
