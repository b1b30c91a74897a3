using System.Collections.Concurrent;
using System.Globalization;
using FluentAssertions;
using Grpc.Core;
using PairDb.Integration.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// Three clustered coordinators over shared PostgreSQL and Redis: the one running a membership migration is SIGKILLed
/// and never restarted; another coordinator takes the migration over once its lease lapses and completes it, and every
/// key reads back and sits on exactly its preference list.
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class ClusterMigrationFailoverTests(TestServers servers)
{
    private const string Tenant = "takeover";
    private const int Keys = 1_000;

    /// <summary>The 30 s migration lease must lapse before another coordinator takes over, plus the migration itself.</summary>
    private static readonly TimeSpan MigrationLimit = TimeSpan.FromSeconds(120);

    private static CallOptions Call => GrpcClients.Within(TimeSpan.FromSeconds(20));

    [Fact]
    public async Task AddStorageNode_CoordinatorRunningItKilled_AnotherCoordinatorCompletesIt()
    {
        // Arrange: the settle delay keeps the migration active long enough to kill its coordinator.
        var environment = await SharedStores.EnvironmentAsync(servers);
        environment["MIGRATION_SETTLE_DELAY_MS"] = "3000";
        environment["MIGRATION_CLEANUP_GRACE_MS"] = "500";
        await using var cluster = await ClusterHarness.StartAsync(3, 3, spareStorageNodes: 1, environment, oneCluster: true);
        var coordinator = cluster.Coordinator(0);
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

        // Act: the coordinator that accepted (and runs) the migration dies for good.
        cluster.CoordinatorProcess(0).Kill();
        var status = await MigrationChecks.WaitForMigrationAsync(cluster, added.MigrationId, MigrationLimit, through: 1);

        // Assert
        before.Status.Should().Be("in_progress", "the coordinator must die while the migration is active");
        status.Status.Should().Be("completed", "{0}\n{1}", status.FailureReason, cluster.Logs());
        status.Progress.KeysMigrated.Should().Be(status.Progress.TotalKeys);
        await MigrationChecks.CheckAsync(cluster, Tenant, expected, ["storage-1", "storage-2", "storage-3", "storage-4"], 2, through: 2);
    }
}
