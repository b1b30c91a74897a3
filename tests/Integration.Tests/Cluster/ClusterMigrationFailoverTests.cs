using System.Collections.Concurrent;
using System.Globalization;
using FluentAssertions;
using Grpc.Core;
using PairDb.Integration.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Three clustered coordinators over shared PostgreSQL and Redis: a membership migration is asked of a coordinator that
/// does not run it (the request reaches the migration singleton through its proxy); the coordinator running it, the
/// oldest member, is SIGKILLed and never restarted. Once the split-brain resolver downs it, the singleton starts on the
/// next oldest member, recovers the migration's progress from the journal and completes it, and every key reads back
/// and sits on exactly its preference list.
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class ClusterMigrationFailoverTests
{
    private const string Tenant = "takeover";
    private const int Keys = 1_000;

    /// <summary>The dead member is downed about 7 s after it became unreachable, then the singleton moves; plus the migration itself.</summary>
    private static readonly TimeSpan MigrationLimit = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan MembersLimit = TimeSpan.FromSeconds(60);

    private static CallOptions Call => GrpcClients.Within(TimeSpan.FromSeconds(20));

    [Fact]
    public async Task AddStorageNode_CoordinatorRunningItKilled_AnotherCoordinatorCompletesIt()
    {
        // Arrange: the settle delay keeps the migration active long enough to kill its coordinator.
        var environment = new Dictionary<string, string>
        {
            ["MIGRATION_SETTLE_DELAY_MS"] = "3000",
            ["MIGRATION_CLEANUP_GRACE_MS"] = "500",
        };
        await using var cluster = await ClusterHarness.StartAsync(3, 3, spareStorageNodes: 1, environment, oneCluster: true);
        var (runner, runnerAddress) = await OldestAsync(cluster, through: 0, members: 3, exclude: null);
        var asked = (runner + 1) % 3;
        var witness = (runner + 2) % 3;
        var coordinator = cluster.Coordinator(asked);
        await coordinator.CoordinatorClient().CreateTenantAsync(new CreateTenantRequest { TenantId = Tenant, ReplicationFactor = 2 }, Call).ResponseAsync;
        var expected = new ConcurrentDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Enumerable.Range(0, Keys), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var key = "key-" + i.ToString("D4", CultureInfo.InvariantCulture);
            await Kv.WriteAsync(cluster.Coordinator(i % 3), key, "v-" + key, tenant: Tenant);
            expected[key] = ["v-" + key];
        });
        var added = await coordinator.CoordinatorClient().AddStorageNodeAsync(
            new AddStorageNodeRequest { NodeId = "storage-4", Host = "127.0.0.1", Port = cluster.StoragePorts[3] }, Call).ResponseAsync;
        var before = await coordinator.CoordinatorClient().GetMigrationStatusAsync(new GetMigrationStatusRequest { MigrationId = added.MigrationId }, Call).ResponseAsync;

        // Act: the coordinator running the migration singleton (the oldest member) dies for good.
        cluster.CoordinatorProcess(runner).Kill();
        var status = await MigrationChecks.WaitForMigrationAsync(cluster, added.MigrationId, MigrationLimit, through: witness);

        // Assert
        before.Status.Should().Be("in_progress", "the coordinator must die while the migration is active");
        status.Status.Should().Be("completed", "{0}\n{1}", status.FailureReason, cluster.Logs());
        status.Progress.KeysMigrated.Should().Be(status.Progress.TotalKeys);
        before.Owner.Should().NotBeEmpty("the record names the coordinator running the migration");
        status.Owner.Should().NotBeEmpty().And.NotBe(before.Owner, "another coordinator finished it");
        var (_, newRunnerAddress) = await OldestAsync(cluster, through: witness, members: 2, exclude: runnerAddress);
        newRunnerAddress.Should().NotBe(runnerAddress, "the singleton moved off the dead member");
        await MigrationChecks.CheckAsync(cluster, Tenant, expected, ["storage-1", "storage-2", "storage-3", "storage-4"], 2, through: asked);
    }

    /// <summary>
    /// Waits until coordinator <paramref name="through"/> sees <paramref name="members"/> members up and reachable (none
    /// of them <paramref name="exclude"/>), and returns the oldest one, where the cluster singletons run: its index in
    /// the harness (each coordinator names itself) and its address.
    /// </summary>
    private static async Task<(int Index, string Address)> OldestAsync(ClusterHarness cluster, int through, int members, string? exclude)
    {
        var deadline = DateTime.UtcNow + MembersLimit;
        var last = "nothing yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var view = (await cluster.Coordinator(through).CoordinatorClient().ListClusterMembersAsync(new ListClusterMembersRequest(), Call).ResponseAsync).Members;
                last = string.Join(", ", view.Select(static m => $"{m.Address} {m.Status}{(m.Reachable ? string.Empty : " unreachable")}{(m.Oldest ? " oldest" : string.Empty)}"));
                if (view.Count == members && view.All(m => m.Status == "up" && m.Reachable && m.Address != exclude) && view.Count(m => m.Oldest) == 1)
                {
                    var oldest = view.Single(m => m.Oldest).Address;
                    for (var i = 0; i < 3; i++)
                    {
                        if (cluster.CoordinatorProcess(i).IsRunning && await SelfAddressAsync(cluster, i) == oldest)
                        {
                            return (i, oldest);
                        }
                    }
                }
            }
            catch (RpcException ex) when (TransientRpc.Is(ex))
            {
                last = ex.Status.ToString();
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Coordinator {through} did not see {members} members up within {MembersLimit}; last seen: [{last}]\n{cluster.Logs()}");
    }

    private static async Task<string> SelfAddressAsync(ClusterHarness cluster, int index) =>
        (await cluster.Coordinator(index).CoordinatorClient().ListClusterMembersAsync(new ListClusterMembersRequest(), Call).ResponseAsync).Members.Single(m => m.IsSelf).Address;
}
