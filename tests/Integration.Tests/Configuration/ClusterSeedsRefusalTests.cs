using FluentAssertions;
using PairDb.Integration.Tests.Cluster;

namespace PairDb.Integration.Tests.Configuration;

/// <summary>
/// The real coordinator process given cluster seeds but embedded stores: it exits at once with the configuration
/// error's exit code and a message saying why and what to set, having opened no store.
/// </summary>
public sealed class ClusterSeedsRefusalTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private readonly string _root = Directory.CreateTempSubdirectory("pairdb-cluster-refusal-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Coordinator_SeedsWithoutDatabaseOrRedis_ExitsWithCode2NamingWhatToSet()
    {
        // Arrange
        var dataDirectory = Path.Combine(_root, "data");
        using var coordinator = new ServerProcess("coordinator-seeds", RepoPaths.CoordinatorDll, new Dictionary<string, string>
        {
            ["CLUSTER_SEEDS"] = "coord-0.coord-headless:4053,coord-1.coord-headless:4053",
            ["COORDINATOR_NODE_ID"] = "coord-1",
            ["DATA_DIR"] = dataDirectory,
            ["SERVER_PORT"] = "0",
            ["HEALTH_PORT"] = "0",
            ["METRICS_PORT"] = "0",
        });

        // Act
        coordinator.Start();
        var exitCode = await coordinator.WaitForExitAsync(ExitTimeout);

        // Assert
        exitCode.Should().Be(2, coordinator.Output);
        coordinator.Output.Should().Contain("invalid configuration").And.Contain("CLUSTER_SEEDS")
            .And.Contain("several coordinators need shared stores").And.Contain("DATABASE_HOST").And.Contain("REDIS_HOST");
        Directory.Exists(dataDirectory).Should().BeFalse("the coordinator stops before it creates its data folder or opens a store");
    }
}
