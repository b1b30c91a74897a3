using FluentAssertions;
using PairDb.Coordinator.Configuration;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>The project's own keys for connection limits, pools, Redis timeouts, deadlines, the ring, the tenant cache, metrics and log format.</summary>
public sealed class ServerStoreAndCacheSettingsTests : IDisposable
{
    private readonly ConfigurationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Load_NothingSet_UsesTheDocumentedDefaults()
    {
        // Act
        var options = _context.Load();

        // Assert
        options.MaxConnections.Should().Be(10_000);
        options.MetricsEnabled.Should().BeTrue();
        options.MetricsPath.Should().Be("/metrics");
        options.EffectiveReadTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.EffectiveWriteTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.DefaultConsistency.Should().Be(Consistency.Quorum);
        options.RingReloadInterval.Should().Be(TimeSpan.FromSeconds(5));
        options.VirtualNodes.Should().Be(150);
        options.TenantCacheTtl.Should().Be(TimeSpan.FromSeconds(5));
        options.TenantCacheMaxEntries.Should().Be(10_000);
        options.TenantCacheMissTtl.Should().Be(TimeSpan.FromSeconds(1));
        options.TenantCacheMaxMisses.Should().Be(1000);
        options.DatabaseMaxPoolSize.Should().Be(100);
        options.DatabaseMinPoolSize.Should().Be(0);
        options.DatabaseConnectionLifetime.Should().Be(TimeSpan.FromHours(1));
        options.RedisDatabase.Should().Be(0);
        options.RedisConnectTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.RedisSyncTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.RedisAsyncTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.RedisConnectRetries.Should().Be(3);
        options.RedisReconnectMaxBackoff.Should().Be(TimeSpan.FromSeconds(10));
        options.LogFormat.Should().Be(LogFormat.Json);
        options.ConfigurationWarnings.Should().BeEmpty();
    }

    [Fact]
    public void Load_EveryVariableSet_SetsEveryOption()
    {
        // Arrange
        _context.Set("MAX_CONNECTIONS", "300").Set("METRICS_ENABLED", "false").Set("METRICS_PATH", "/m")
            .Set("READ_TIMEOUT_MS", "300").Set("WRITE_TIMEOUT_MS", "400").Set("DEFAULT_CONSISTENCY", "one")
            .Set("RING_RELOAD_INTERVAL_MS", "9000").Set("VIRTUAL_NODES", "64")
            .Set("TENANT_CACHE_TTL_MS", "60000").Set("TENANT_CACHE_MAX_ENTRIES", "7").Set("TENANT_CACHE_MISS_TTL_MS", "250").Set("TENANT_CACHE_MAX_MISSES", "9")
            .Set("DATABASE_MAX_POOL_SIZE", "20").Set("DATABASE_MIN_POOL_SIZE", "2").Set("DATABASE_CONNECTION_LIFETIME_MS", "120000")
            .Set("REDIS_DATABASE", "3").Set("REDIS_CONNECT_TIMEOUT_MS", "1500").Set("REDIS_SYNC_TIMEOUT_MS", "2500").Set("REDIS_ASYNC_TIMEOUT_MS", "3500")
            .Set("REDIS_CONNECT_RETRIES", "0").Set("REDIS_RECONNECT_MAX_BACKOFF_MS", "30000").Set("LOG_FORMAT", "text")
            .Set("REDIS_KEY_PREFIX", "east:idem:").Set("IDEMPOTENCY_CLAIM_MARGIN_MS", "1500");

        // Act
        var options = _context.Load();

        // Assert
        options.MaxConnections.Should().Be(300);
        options.MetricsEnabled.Should().BeFalse();
        options.MetricsPath.Should().Be("/m");
        options.EffectiveReadTimeout.Should().Be(TimeSpan.FromMilliseconds(300));
        options.EffectiveWriteTimeout.Should().Be(TimeSpan.FromMilliseconds(400));
        options.DefaultConsistency.Should().Be(Consistency.One);
        options.RingReloadInterval.Should().Be(TimeSpan.FromSeconds(9));
        options.VirtualNodes.Should().Be(64);
        options.TenantCacheTtl.Should().Be(TimeSpan.FromMinutes(1));
        options.TenantCacheMaxEntries.Should().Be(7);
        options.TenantCacheMissTtl.Should().Be(TimeSpan.FromMilliseconds(250));
        options.TenantCacheMaxMisses.Should().Be(9);
        options.DatabaseMaxPoolSize.Should().Be(20);
        options.DatabaseMinPoolSize.Should().Be(2);
        options.DatabaseConnectionLifetime.Should().Be(TimeSpan.FromMinutes(2));
        options.RedisDatabase.Should().Be(3);
        options.RedisConnectTimeout.Should().Be(TimeSpan.FromMilliseconds(1500));
        options.RedisSyncTimeout.Should().Be(TimeSpan.FromMilliseconds(2500));
        options.RedisAsyncTimeout.Should().Be(TimeSpan.FromMilliseconds(3500));
        options.RedisConnectRetries.Should().Be(0);
        options.RedisReconnectMaxBackoff.Should().Be(TimeSpan.FromSeconds(30));
        options.LogFormat.Should().Be(LogFormat.Text);
        options.RedisKeyPrefix.Should().Be("east:idem:");
        options.IdempotencyClaimMargin.Should().Be(TimeSpan.FromMilliseconds(1500));
    }

    [Theory]
    [InlineData("MAX_CONNECTIONS", "server.max_connections", "0")]
    [InlineData("METRICS_ENABLED", "metrics.enabled", "perhaps")]
    [InlineData("METRICS_PATH", "metrics.path", "/a b")]
    [InlineData("DEFAULT_CONSISTENCY", "requests.default_consistency", "two")]
    [InlineData("VIRTUAL_NODES", "ring.virtual_nodes", "1001")]
    [InlineData("TENANT_CACHE_MAX_MISSES", "tenants.cache_max_misses", "0")]
    [InlineData("DATABASE_MIN_POOL_SIZE", "database.min_pool_size", "-1")]
    [InlineData("REDIS_DATABASE", "redis.database", "-1")]
    [InlineData("REDIS_ASYNC_TIMEOUT_MS", "redis.async_timeout_ms", "0")]
    [InlineData("REDIS_CONNECT_RETRIES", "redis.connect_retries", "101")]
    [InlineData("LOG_FORMAT", "log.format", "yaml")]
    [InlineData("REDIS_KEY_PREFIX", "redis.key_prefix", "a b")]
    [InlineData("REDIS_KEY_PREFIX", "redis.key_prefix", "idem:é")]
    [InlineData("REDIS_KEY_PREFIX", "redis.key_prefix", "0123456789012345678901234567890123456789012345678901234567890123456789")]
    [InlineData("IDEMPOTENCY_CLAIM_MARGIN_MS", "idempotency.claim_margin_ms", "0")]
    [InlineData("TLS_HANDSHAKE_TIMEOUT_MS", "tls.handshake_timeout_ms", "600001")]
    public void Load_InvalidValue_NamesTheKeyAndTheVariable(string variable, string key, string value)
    {
        // Arrange
        _context.Set(variable, value);

        // Act
        var load = () => _context.Load();

        // Assert
        load.Should().Throw<CoordinatorConfigurationException>()
            .Where(e => e.Key == key && e.Message.Contains(variable) && e.Message.Contains($"'{value}'"));
    }
}
