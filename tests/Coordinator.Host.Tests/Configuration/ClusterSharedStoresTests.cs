using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using PairDb.Coordinator.Composition;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Stores.Embedded;
using PairDb.Coordinator.Stores.Sqlite;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>
/// A coordinator with cluster seeds joins others, which must all see the same metadata and idempotency records: it is
/// refused either embedded store, by the settings check and again by the host before any store opens.
/// </summary>
public sealed class ClusterSharedStoresTests : IDisposable
{
    private static readonly ClusterSettings TwoSeeds = new() { Seeds = [new("coord-0.coord-headless", 4053), new("coord-1.coord-headless", 4053)] };

    private readonly ConfigurationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void RequireSharedStoresForCluster_SeedsWithBothStoresEmbedded_SaysWhyAndWhatToSet()
    {
        // Arrange
        var options = new CoordinatorOptions { NodeId = "c1", DataDirectory = "/var/lib/pairdb", Cluster = TwoSeeds };

        // Act
        var check = options.RequireSharedStoresForCluster;

        // Assert
        var error = check.Should().Throw<CoordinatorConfigurationException>().Which;
        error.Key.Should().Be("cluster.seeds");
        error.Value.Should().Be("coord-0.coord-headless:4053,coord-1.coord-headless:4053");
        error.Message.Should().Contain("CLUSTER_SEEDS").And.Contain("several coordinators need shared stores")
            .And.Contain("PostgreSQL").And.Contain("Redis")
            .And.Contain("database.host (DATABASE_HOST) is empty").And.Contain(Path.Combine("/var/lib/pairdb", SqliteMetadataStore.DatabaseFileName))
            .And.Contain("redis.host (REDIS_HOST) is empty").And.Contain(Path.Combine("/var/lib/pairdb", SqliteIdempotencyStore.DatabaseFileName))
            .And.Contain("Set database.host (DATABASE_HOST) to the shared PostgreSQL server and redis.host (REDIS_HOST) to the shared Redis server")
            .And.Contain("leave cluster.seeds empty");
    }

    [Fact]
    public void RequireSharedStoresForCluster_SeedsWithPostgresButEmbeddedIdempotency_NamesRedisOnly()
    {
        // Arrange
        var options = new CoordinatorOptions { NodeId = "c1", DatabaseHost = "pg.internal", Cluster = TwoSeeds };

        // Act
        var check = options.RequireSharedStoresForCluster;

        // Assert
        var message = check.Should().Throw<CoordinatorConfigurationException>().Which.Message;
        message.Should().Contain("Set redis.host (REDIS_HOST)").And.NotContain("DATABASE_HOST");
    }

    [Fact]
    public void RequireSharedStoresForCluster_SeedsWithRedisButEmbeddedMetadata_NamesTheDatabaseOnly()
    {
        // Arrange
        var options = new CoordinatorOptions { NodeId = "c1", RedisHost = "redis.internal", Cluster = TwoSeeds };

        // Act
        var check = options.RequireSharedStoresForCluster;

        // Assert
        var message = check.Should().Throw<CoordinatorConfigurationException>().Which.Message;
        message.Should().Contain("Set database.host (DATABASE_HOST)").And.NotContain("REDIS_HOST");
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("pg.internal", "")]
    [InlineData("", "redis.internal")]
    [InlineData("pg.internal", "redis.internal")]
    public void Validate_NoSeeds_AcceptsAnyStores(string databaseHost, string redisHost)
    {
        // Arrange
        var options = new CoordinatorOptions { NodeId = "c1", DatabaseHost = databaseHost, RedisHost = redisHost };

        // Act
        var validate = options.Validate;

        // Assert
        validate.Should().NotThrow();
    }

    [Fact]
    public void Validate_SeedsWithPostgresAndRedis_Accepts()
    {
        // Arrange
        var options = new CoordinatorOptions { NodeId = "c1", DatabaseHost = "pg.internal", RedisHost = "redis.internal", Cluster = TwoSeeds };

        // Act
        var validate = options.Validate;

        // Assert
        validate.Should().NotThrow();
        options.UsesEmbeddedMetadata.Should().BeFalse();
        options.UsesEmbeddedIdempotency.Should().BeFalse();
    }

    [Fact]
    public void Load_SeedsFromTheEnvironmentWithoutDatabaseOrRedis_IsRefused()
    {
        // Arrange
        _context.Set("CLUSTER_SEEDS", "coord-0:4053").Set("DATABASE_HOST", "pg.internal");

        // Act
        var load = () => _context.Load();

        // Assert
        var error = load.Should().Throw<CoordinatorConfigurationException>().Which;
        error.Key.Should().Be("cluster.seeds");
        error.Message.Should().Contain("several coordinators need shared stores").And.Contain("REDIS_HOST").And.Contain("'coord-0:4053'");
    }

    [Fact]
    public async Task StartAsync_SeedsWithEmbeddedStores_FailsBeforeOpeningAnyStore()
    {
        // Arrange: options built in code skip the loader, as a test or another host would; the runtime checks again.
        var options = new CoordinatorOptions { NodeId = "c1", DataDirectory = _context.DataDirectory, EmbeddedStorageNodes = 0, Cluster = TwoSeeds };
        using var system = Akka.Actor.ActorSystem.Create("refused");

        // Act
        var start = () => CoordinatorRuntime.StartAsync(options, NullLoggerFactory.Instance, system, CancellationToken.None);

        // Assert
        (await start.Should().ThrowAsync<CoordinatorConfigurationException>()).Which.Message.Should().Contain("several coordinators need shared stores");
        File.Exists(Path.Combine(_context.DataDirectory, SqliteMetadataStore.DatabaseFileName)).Should().BeFalse();
        File.Exists(Path.Combine(_context.DataDirectory, SqliteIdempotencyStore.DatabaseFileName)).Should().BeFalse();
    }
}
