using System.Collections.Concurrent;
using System.Globalization;
using FluentAssertions;
using Grpc.Core;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// A one-coordinator cluster SIGKILLed while a membership migration is active, then restarted on the same data
/// directory (the same embedded metadata and the same SQLite journal): the migration singleton recovers the
/// migration's progress from the journal at start and completes it; every key reads back and sits on exactly its
/// preference list.
/// </summary>
public sealed class MigrationResumeTests
{
    private const string Tenant = "resume";
    private const int Keys = 3_000;

    /// <summary>
    /// The restarted coordinator resumes the migration as soon as its singleton recovered; nothing is waited out. The
    /// bound is generous: restart, cluster join, journal recovery and 3,000 keys took over 20 s once when the suite ran
    /// test projects side by side on two cores.
    /// </summary>
    private static readonly TimeSpan MigrationLimit = TimeSpan.FromSeconds(90);

    private static CallOptions Call => GrpcClients.Within(TimeSpan.FromSeconds(20));

    [Fact]
    public async Task AddStorageNode_CoordinatorKilledWhileActive_ResumesAfterRestartAndPlacesEveryKeyExactly()
    {
        // Arrange: the settle delay keeps the migration active long enough to kill its coordinator.
        await using var cluster = await ClusterHarness.StartAsync(3, 1, spareStorageNodes: 1, new Dictionary<string, string>
        {
            ["MIGRATION_SETTLE_DELAY_MS"] = "3000",
            ["MIGRATION_CLEANUP_GRACE_MS"] = "500",
        });
        var coordinator = cluster.Coordinator();
        await coordinator.CoordinatorClient().CreateTenantAsync(new CreateTenantRequest { TenantId = Tenant, ReplicationFactor = 2 }, Call).ResponseAsync;
        var expected = new ConcurrentDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Enumerable.Range(0, Keys), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var key = "key-" + i.ToString("D4", CultureInfo.InvariantCulture);
            await Kv.WriteAsync(coordinator, key, "v-" + key, tenant: Tenant);
            expected[key] = ["v-" + key];
        });
        var added = await coordinator.CoordinatorClient().AddStorageNodeAsync(new AddStorageNodeRequest { NodeId = "storage-4", Host = "127.0.0.1", Port = cluster.StoragePorts[3] }, Call).ResponseAsync;
        var before = await coordinator.CoordinatorClient().GetMigrationStatusAsync(new GetMigrationStatusRequest { MigrationId = added.MigrationId }, Call).ResponseAsync;

        // Act
        cluster.CoordinatorProcess().Kill();
        await cluster.StartStoppedAsync();
        var status = await MigrationChecks.WaitForMigrationAsync(cluster, added.MigrationId, MigrationLimit);

        // Assert
        before.Status.Should().Be("in_progress", "the coordinator must die while the migration is active");
        status.Status.Should().Be("completed", "{0}\n{1}", status.FailureReason, cluster.Logs());
        status.FailureReason.Should().BeEmpty();
        status.Progress.KeysMigrated.Should().BeGreaterThan(0).And.Be(status.Progress.TotalKeys);
        await MigrationChecks.CheckAsync(cluster, Tenant, expected, ["storage-1", "storage-2", "storage-3", "storage-4"], 2);
    }
}
