using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PairDb.Coordinator.Configuration;
using PairDb.Coordinator.Stores;
using PairDb.Coordinator.Stores.Embedded;
using PairDb.Coordinator.Stores.Postgres;
using PairDb.Coordinator.Stores.Redis;
using PairDb.Coordinator.Stores.Sqlite;
using PairDb.Coordinator.Tests.Infrastructure;

namespace PairDb.Coordinator.Tests.Stores;

/// <summary>Store choice from configuration: embedded without hosts, PostgreSQL and Redis with them.</summary>
public sealed class StoreFactoryTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OpenAsync_NoDatabaseOrRedisHost_ChoosesTheEmbeddedStores()
    {
        var stores = await StoreFactory.OpenAsync(new CoordinatorOptions { DataDirectory = _directory.Path }, NullLoggerFactory.Instance, CancellationToken.None);
        try
        {
            stores.Metadata.Should().BeOfType<SqliteMetadataStore>();
            stores.Idempotency.Should().BeOfType<SqliteIdempotencyStore>();
            stores.TenantChanges.Should().BeSameAs(((SqliteMetadataStore)stores.Metadata).Changes);
        }
        finally
        {
            await CloseAsync(stores);
        }
    }

    [Fact]
    public async Task OpenAsync_DatabaseAndRedisHosts_ChoosesPostgresWithItsListenerAndRedis()
    {
        var database = new NpgsqlConnectionStringBuilder(await TestServers.CreateScratchDatabaseAsync());
        var redis = TestServers.RedisConfiguration.Split(',')[0].Split(':');
        var options = new CoordinatorOptions
        {
            DataDirectory = _directory.Path,
            DatabaseHost = database.Host!,
            DatabasePort = database.Port,
            DatabaseName = database.Database!,
            DatabaseUser = database.Username!,
            DatabasePassword = database.Password ?? string.Empty,
            RedisHost = redis[0],
            RedisPort = int.Parse(redis[1], System.Globalization.CultureInfo.InvariantCulture),
        };

        var stores = await StoreFactory.OpenAsync(options, NullLoggerFactory.Instance, CancellationToken.None);
        try
        {
            stores.Metadata.Should().BeOfType<PostgresMetadataStore>();
            stores.Idempotency.Should().BeOfType<RedisIdempotencyStore>();
            stores.TenantChanges.Should().BeOfType<PostgresTenantChangeListener>();
            (await stores.Metadata.ListTenantsAsync(CancellationToken.None)).Should().BeEmpty("the migrations ran on the configured database");
            Directory.EnumerateFileSystemEntries(_directory.Path).Should().BeEmpty("no embedded database file is opened");
        }
        finally
        {
            await CloseAsync(stores);
        }
    }

    [Fact]
    public void PostgresConnectionString_Options_CarriesHostPortNameUserAndPassword()
    {
        var options = new CoordinatorOptions { DatabaseHost = "db.internal", DatabasePort = 5433, DatabaseName = "meta", DatabaseUser = "coord", DatabasePassword = "p;w" };

        var builder = new NpgsqlConnectionStringBuilder(StoreFactory.PostgresConnectionString(options));

        (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password).Should().Be(("db.internal", 5433, "meta", "coord", "p;w"));
    }

    [Fact]
    public void RedisConfiguration_Options_CarriesEndpointAndPasswordAndRetriesConnecting()
    {
        var options = new CoordinatorOptions { RedisHost = "redis.internal", RedisPort = 6380, RedisPassword = "a,b=c" };

        var configuration = StoreFactory.RedisConfiguration(options);

        configuration.EndPoints.Should().ContainSingle().Which.ToString().Should().Be("Unspecified/redis.internal:6380");
        configuration.Password.Should().Be("a,b=c");
        configuration.AbortOnConnectFail.Should().BeFalse();
    }

    [Fact]
    public void PostgresConnectionString_PoolSettings_GoToNpgsql()
    {
        // Arrange
        var options = new CoordinatorOptions
        {
            DatabaseHost = "db.internal",
            DatabaseMaxPoolSize = 50,
            DatabaseMinPoolSize = 5,
            DatabaseConnectionLifetime = TimeSpan.FromMinutes(30),
        };

        // Act
        var builder = new NpgsqlConnectionStringBuilder(StoreFactory.PostgresConnectionString(options));

        // Assert
        (builder.MaxPoolSize, builder.MinPoolSize, builder.ConnectionLifetime).Should().Be((50, 5, 1800));
    }

    [Fact]
    public void RedisConfiguration_Options_CarriesTimeoutsRetriesDatabaseAndReconnectPolicy()
    {
        // Arrange
        var options = new CoordinatorOptions
        {
            RedisHost = "redis.internal",
            RedisDatabase = 2,
            RedisConnectTimeout = TimeSpan.FromMilliseconds(1500),
            RedisSyncTimeout = TimeSpan.FromMilliseconds(2500),
            RedisAsyncTimeout = TimeSpan.FromMilliseconds(3500),
            RedisConnectRetries = 7,
            RedisReconnectMaxBackoff = TimeSpan.FromSeconds(20),
        };

        // Act
        var configuration = StoreFactory.RedisConfiguration(options);

        // Assert
        configuration.AbortOnConnectFail.Should().BeFalse();
        (configuration.ConnectTimeout, configuration.SyncTimeout, configuration.AsyncTimeout).Should().Be((1500, 2500, 3500));
        configuration.ConnectRetry.Should().Be(7);
        configuration.DefaultDatabase.Should().Be(2);
        configuration.KeepAlive.Should().Be(StoreFactory.RedisKeepAliveSeconds);
        configuration.ReconnectRetryPolicy.Should().BeOfType<StackExchange.Redis.ExponentialRetry>();
        configuration.BacklogPolicy.Should().Be(StackExchange.Redis.BacklogPolicy.Default);
    }

    private static async Task CloseAsync(CoordinatorStores stores)
    {
        for (var i = stores.Owned.Count - 1; i >= 0; i--)
        {
            await stores.Owned[i].DisposeAsync();
        }
    }
}
