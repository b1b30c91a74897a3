using System.Collections.Concurrent;
using System.Globalization;
using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Protocol.Coordinator;

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
        await coordinator.CoordinatorClient().CreateTenantAsync(new CreateTenantRequest { TenantId = Tenant, ReplicationFactor = 2 }, Call()).ResponseAsync;
        var expected = new ConcurrentDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Enumerable.Range(0, Keys), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var key = KeyName(i);
            await Kv.WriteAsync(coordinator, key, "v0", tenant: Tenant);
            expected[key] = ["v0"];
        });

        var add = await RunStepAsync(cluster, expected, "add", () => coordinator.CoordinatorClient().AddStorageNodeAsync(
            new AddStorageNodeRequest { NodeId = "storage-4", Host = "127.0.0.1", Port = cluster.StoragePorts[3] }, Call()).ResponseAsync.ContinueWith(static t => t.Result.MigrationId, TaskScheduler.Default));
        add.Progress.KeysMigrated.Should().BeGreaterThan(0);
        await MigrationChecks.CheckAsync(cluster, Tenant, expected, ["storage-1", "storage-2", "storage-3", "storage-4"], 2);

        await RunStepAsync(cluster, expected, "remove", () => coordinator.CoordinatorClient().RemoveStorageNodeAsync(new RemoveStorageNodeRequest { NodeId = "storage-1" }, Call()).ResponseAsync
            .ContinueWith(static t => t.Result.MigrationId, TaskScheduler.Default));
        await MigrationChecks.CheckAsync(cluster, Tenant, expected, ["storage-2", "storage-3", "storage-4"], 2);

        var raise = await RunStepAsync(cluster, expected, "raise", () => coordinator.CoordinatorClient().UpdateReplicationFactorAsync(new UpdateReplicationFactorRequest { TenantId = Tenant, NewReplicationFactor = 3 }, Call()).ResponseAsync
            .ContinueWith(static t => t.Result.MigrationId, TaskScheduler.Default));
        raise.Type.Should().Be("replication_factor");
        (await coordinator.CoordinatorClient().GetTenantAsync(new GetTenantRequest { TenantId = Tenant }, Call()).ResponseAsync).ReplicationFactor.Should().Be(3);
        await MigrationChecks.CheckAsync(cluster, Tenant, expected, ["storage-2", "storage-3", "storage-4"], 3);
    }

    private static string KeyName(int i) => "key-" + i.ToString("D5", CultureInfo.InvariantCulture);

    private static CallOptions Call() => GrpcClients.Within(TimeSpan.FromSeconds(20));

    /// <summary>
    /// Starts the change with writers running (their values named after <paramref name="step"/>, so no step can pass
    /// with another step's values), waits for the migration to complete, then stops the writers, also when the wait
    /// failed, so none writes on into the next step.
    /// </summary>
    private static async Task<GetMigrationStatusResponse> RunStepAsync(
        ClusterHarness cluster, ConcurrentDictionary<string, HashSet<string>> expected, string step, Func<Task<string>> change)
    {
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() => WriteLoopAsync(cluster.Coordinator(), expected, step, w, stop.Token))).ToArray();
        GetMigrationStatusResponse status;
        try
        {
            await Task.Delay(300);
            var id = await change();
            id.Should().NotBeEmpty();
            status = await MigrationChecks.WaitForMigrationAsync(cluster, id, MigrationLimit);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        }

        var acknowledged = (await Task.WhenAll(writers)).Sum();
        acknowledged.Should().BeGreaterThan(0, "the writer must have written during the change");
        status.Status.Should().Be("completed", "{0}\n{1}", status.FailureReason, cluster.Logs());
        status.FailureReason.Should().BeEmpty();
        return status;
    }

    /// <summary>Rewrites keys w, w+8, ... of the first HotKeys; records each acknowledged value, and values of failed writes as possible.</summary>
    private static async Task<int> WriteLoopAsync(
        GrpcChannel coordinator, ConcurrentDictionary<string, HashSet<string>> expected, string step, int worker, CancellationToken stop)
    {
        var acknowledged = 0;
        for (var round = 1; !stop.IsCancellationRequested; round++)
        {
            for (var i = worker; i < HotKeys && !stop.IsCancellationRequested; i += 8)
            {
                var key = KeyName(i);
                var value = step + "-w" + round.ToString(CultureInfo.InvariantCulture);
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
}
