using FluentAssertions;
using Npgsql;
using StackExchange.Redis;

namespace PairDb.Integration.Tests.Infrastructure;

/// <summary>Proves the throwaway servers are real and reachable with the production client libraries.</summary>
[Collection(TestServersCollection.Name)]
public sealed class ServersSmokeTests(TestServers servers)
{
    private static readonly TimeSpan LongExpiry = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task SelectVersion_ThrowawayPostgres_ReportsPostgreSql15()
    {
        // Arrange
        await using var dataSource = NpgsqlDataSource.Create(servers.PostgresConnectionString);
        await using var command = dataSource.CreateCommand("SELECT version()");

        // Act
        object? version = await command.ExecuteScalarAsync();

        // Assert
        version.Should().BeOfType<string>().Which.Should().StartWith("PostgreSQL 15.");
    }

    [Fact]
    public async Task CreateScratchDatabaseAsync_NewDatabase_IsSeparateAndWritable()
    {
        // Arrange
        string connectionString = await servers.CreateScratchDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        // Act
        await using (var create = dataSource.CreateCommand("CREATE TABLE probe (id int PRIMARY KEY, body text NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var insert = dataSource.CreateCommand("INSERT INTO probe VALUES (1, 'written')"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await using var select = dataSource.CreateCommand("SELECT current_database(), (SELECT body FROM probe WHERE id = 1)");
        await using var reader = await select.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();

        // Assert
        reader.GetString(0).Should().StartWith("scratch_")
            .And.NotBe(new NpgsqlConnectionStringBuilder(servers.PostgresConnectionString).Database);
        reader.GetString(1).Should().Be("written");
    }

    [Fact]
    public async Task StringSet_WithExpiry_GetReturnsValueAndTtlIsBounded()
    {
        // Arrange
        using var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConfiguration);
        IDatabase db = redis.GetDatabase();
        string key = "smoke:" + Guid.NewGuid().ToString("N");

        // Act
        bool stored = await db.StringSetAsync(key, "value-1", LongExpiry);
        RedisValue value = await db.StringGetAsync(key);
        TimeSpan? ttl = await db.KeyTimeToLiveAsync(key);

        // Assert
        stored.Should().BeTrue();
        value.ToString().Should().Be("value-1");
        ttl.Should().NotBeNull();
        ttl!.Value.Should().BePositive().And.BeLessThanOrEqualTo(LongExpiry);
    }

    [Fact]
    public async Task KeyExpire_InstantInThePast_KeyIsGone()
    {
        // Arrange
        using var redis = await ConnectionMultiplexer.ConnectAsync(servers.RedisConfiguration);
        IDatabase db = redis.GetDatabase();
        string key = "smoke:" + Guid.NewGuid().ToString("N");
        await db.StringSetAsync(key, "value-2", LongExpiry);

        // Act: an expiry instant already past deletes the key at once, so no waiting is needed.
        bool expired = await db.KeyExpireAsync(key, DateTime.UtcNow.AddMinutes(-1));
        RedisValue value = await db.StringGetAsync(key);

        // Assert
        expired.Should().BeTrue();
        value.IsNull.Should().BeTrue();
    }
}
