using System.Collections.Concurrent;
using System.Globalization;
using FluentAssertions;
using PairDb.Actors.Cores;
using PairDb.Protocol.Coordinator;
using PairDb.Protocol.Storage;
using PairDb.Rpc;
using PairDb.Rpc.Client;
using PairDb.Rpc.Contracts;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Issue acceptance: three storage node processes, tenant RF 2, 10,000 keys; while a background writer keeps
/// writing at QUORUM, add a fourth node, remove an original one and raise RF to 3. After each step every
/// acknowledged key reads back with its latest value, and each key lives on exactly its preference list's nodes.
/// </summary>
public sealed class MembershipMigrationTests
{
    private const string Tenant = "mig";
    private const int Keys = 10_000;
    private const int HotKeys = 1_000;
    private static readonly TimeSpan MigrationLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task AddRemoveAndRaiseFactor_UnderWrites_LoseNothingAndPlaceEveryKeyExactly()
    {
        await using var cluster = await ClusterHarness.StartAsync(3, 1, spareStorageNodes: 1, new Dictionary<string, string>
        {
            ["MIGRATION_SETTLE_DELAY_MS"] = "1500",
            ["MIGRATION_CLEANUP_GRACE_MS"] = "1500",
        });
        var coordinator = cluster.Coordinator();
        await coordinator.UnaryAsync(CoordinatorMethods.CreateTenant, new CreateTenantRequest { TenantId = Tenant, ReplicationFactor = 2 }, Call());
        var expected = new ConcurrentDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Enumerable.Range(0, Keys), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var key = KeyName(i);
            await Kv.WriteAsync(coordinator, key, "v0", tenant: Tenant);
            expected[key] = ["v0"];
        });

        var add = await RunStepAsync(cluster, expected, () => coordinator.UnaryAsync(
            CoordinatorMethods.AddStorageNode,
            new AddStorageNodeRequest { NodeId = "storage-4", Host = "127.0.0.1", Port = cluster.StoragePorts[3] },
            Call()).ContinueWith(static t => t.Result.MigrationId, TaskScheduler.Default));
        add.Progress.KeysMigrated.Should().BeGreaterThan(0);
        await CheckAsync(cluster, expected, ["storage-1", "storage-2", "storage-3", "storage-4"], 2);

        await RunStepAsync(cluster, expected, () => coordinator.UnaryAsync(
            CoordinatorMethods.RemoveStorageNode, new RemoveStorageNodeRequest { NodeId = "storage-1" }, Call())
            .ContinueWith(static t => t.Result.MigrationId, TaskScheduler.Default));
        await CheckAsync(cluster, expected, ["storage-2", "storage-3", "storage-4"], 2);

        var raise = await RunStepAsync(cluster, expected, () => coordinator.UnaryAsync(
            CoordinatorMethods.UpdateReplicationFactor, new UpdateReplicationFactorRequest { TenantId = Tenant, NewReplicationFactor = 3 }, Call())
            .ContinueWith(static t => t.Result.MigrationId, TaskScheduler.Default));
        raise.Type.Should().Be("replication_factor");
        (await coordinator.UnaryAsync(CoordinatorMethods.GetTenant, new GetTenantRequest { TenantId = Tenant }, Call())).ReplicationFactor.Should().Be(3);
        await CheckAsync(cluster, expected, ["storage-2", "storage-3", "storage-4"], 3);
    }

    private static string KeyName(int i) => "key-" + i.ToString("D5", CultureInfo.InvariantCulture);

    private static CallOptions Call() => new(TimeSpan.FromSeconds(20));

    /// <summary>Starts the change with a writer running, waits for the migration to complete, then stops the writer.</summary>
    private static async Task<GetMigrationStatusResponse> RunStepAsync(
        ClusterHarness cluster, ConcurrentDictionary<string, HashSet<string>> expected, Func<Task<string>> change)
    {
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() => WriteLoopAsync(cluster.Coordinator(), expected, w, stop.Token))).ToArray();
        await Task.Delay(300);
        var id = await change();
        id.Should().NotBeEmpty();
        var status = await WaitForMigrationAsync(cluster, id);
        await stop.CancelAsync();
        var acknowledged = (await Task.WhenAll(writers)).Sum();
        acknowledged.Should().BeGreaterThan(0, "the writer must have written during the change");
        status.Status.Should().Be("completed", "{0}\n{1}", status.FailureReason, cluster.Logs());
        status.FailureReason.Should().BeEmpty();
        return status;
    }

    /// <summary>Rewrites keys w, w+8, ... of the first HotKeys; records each acknowledged value, and values of failed writes as possible.</summary>
    private static async Task<int> WriteLoopAsync(GrpcChannel coordinator, ConcurrentDictionary<string, HashSet<string>> expected, int worker, CancellationToken stop)
    {
        var acknowledged = 0;
        for (var round = 1; !stop.IsCancellationRequested; round++)
        {
            for (var i = worker; i < HotKeys && !stop.IsCancellationRequested; i += 8)
            {
                var key = KeyName(i);
                var value = "w" + round.ToString(CultureInfo.InvariantCulture);
                lock (expected[key])
                {
                    expected[key].Add(value);
                }

                try
                {
                    await Kv.WriteAsync(coordinator, key, value, tenant: Tenant);
                    lock (expected[key])
                    {
                        expected[key].Clear();
                        expected[key].Add(value);
                    }

                    acknowledged++;
                }
                catch (RpcException)
                {
                    // Not acknowledged: the value may or may not have landed, so it stays acceptable beside the last acknowledged one.
                }
            }
        }

        return acknowledged;
    }

    private static async Task<GetMigrationStatusResponse> WaitForMigrationAsync(ClusterHarness cluster, string id)
    {
        var deadline = DateTime.UtcNow + MigrationLimit;
        var lastPercentage = 0f;
        while (DateTime.UtcNow < deadline)
        {
            var status = await cluster.Coordinator().UnaryAsync(CoordinatorMethods.GetMigrationStatus, new GetMigrationStatusRequest { MigrationId = id }, Call());
            status.Progress.Percentage.Should().BeGreaterThanOrEqualTo(lastPercentage, "progress never goes back");
            lastPercentage = status.Progress.Percentage;
            if (status.Status is "completed" or "failed" or "cancelled")
            {
                return status;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Migration {id} did not finish within {MigrationLimit}.\n{cluster.Logs()}");
    }

    private static async Task CheckAsync(ClusterHarness cluster, ConcurrentDictionary<string, HashSet<string>> expected, string[] nodes, int factor)
    {
        var coordinator = cluster.Coordinator();
        var wrong = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(expected, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (pair, _) =>
        {
            var read = await Kv.ReadAsync(coordinator, pair.Key, tenant: Tenant);
            if (!pair.Value.Contains(read.Value.ToStringUtf8()))
            {
                wrong.Add($"{pair.Key}: read {read.Value.ToStringUtf8()}, expected one of {string.Join("|", pair.Value)}");
            }
        });
        wrong.Should().BeEmpty();

        var ring = new HashRing(nodes.Select(static n => new RingMember(n)));
        var held = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var index = int.Parse(node["storage-".Length..], CultureInfo.InvariantCulture) - 1;
            using var scan = cluster.Storage(index).ServerStreaming(StorageMethods.ScanRange, new ScanRangeRequest { Start = 0, End = 0, BatchSize = 1000, TenantId = Tenant });
            var keys = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var batch in scan.ReadAllAsync())
            {
                keys.UnionWith(batch.Records.Select(static r => r.Key));
            }

            held[node] = keys;
        }

        var misplaced = new List<string>();
        foreach (var key in expected.Keys)
        {
            var owners = ring.PreferenceList(Tenant, key, factor);
            var holders = nodes.Where(n => held[n].Contains(key)).ToArray();
            if (!owners.Order(StringComparer.Ordinal).SequenceEqual(holders.Order(StringComparer.Ordinal)))
            {
                misplaced.Add($"{key}: on {string.Join(",", holders)}, owners {string.Join(",", owners)}");
            }
        }

        misplaced.Should().BeEmpty();
    }
}
