using FluentAssertions;
using Microsoft.Extensions.Logging;
using PairDb.Actors.Quorum;
using PairDb.Coordinator.Configuration;
using PairDb.Messages.Values;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>An operator's PairDB config.yaml (the seed layout) loads: every key sets its option or warns, by name, that it has no effect.</summary>
public sealed class SeedLayoutTests : IDisposable
{
    private const string SeedYaml = """
        server:
          host: "0.0.0.0"
          port: 50052
          node_id: "coordinator-1"
          max_connections: 2000
          read_timeout: 10s
          write_timeout: 10s
          shutdown_timeout: 30s
        database:
          host: "db.internal"
          port: 5433
          database: "pairdb_meta"
          user: "meta"
          password: "secret"
          max_connections: 50
          min_connections: 5
          conn_max_lifetime: 30m
        redis:
          host: "redis.internal"
          port: 6380
          password: "r-secret"
          db: 2
          max_retries: 7
          pool_size: 100
          min_idle_conns: 10
        hash_ring:
          virtual_nodes: 200
          update_interval: 30s
        consistency:
          default_level: "all"
          write_timeout: 5s
          read_timeout: 3s
          repair_async: false
        cache:
          tenant_config_ttl: 5m
          max_size: 10000
        metrics:
          enabled: true
          port: 9191
          path: "/prom"
        logging:
          level: "warn"
          format: "text"
        """;

    private readonly ConfigurationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Load_SeedLayoutFile_MapsEveryKeyToItsOption()
    {
        // Arrange
        var path = _context.WriteConfig(SeedYaml);

        // Act
        var options = _context.Load("--config", path);

        // Assert
        options.BindAddress.Should().Be("0.0.0.0");
        options.ServerPort.Should().Be(50052);
        options.NodeId.Should().Be("coordinator-1");
        options.MaxConnections.Should().Be(2000);
        options.ShutdownTimeout.Should().Be(TimeSpan.FromSeconds(30));
        options.DatabaseHost.Should().Be("db.internal");
        options.DatabasePort.Should().Be(5433);
        options.DatabaseName.Should().Be("pairdb_meta");
        options.DatabaseUser.Should().Be("meta");
        options.DatabasePassword.Should().Be("secret");
        options.DatabaseMaxPoolSize.Should().Be(50);
        options.DatabaseMinPoolSize.Should().Be(5);
        options.DatabaseConnectionLifetime.Should().Be(TimeSpan.FromMinutes(30));
        options.RedisHost.Should().Be("redis.internal");
        options.RedisPort.Should().Be(6380);
        options.RedisPassword.Should().Be("r-secret");
        options.RedisDatabase.Should().Be(2);
        options.RedisConnectRetries.Should().Be(7);
        options.VirtualNodes.Should().Be(200);
        options.RingReloadInterval.Should().Be(TimeSpan.FromSeconds(30));
        options.DefaultConsistency.Should().Be(Consistency.All);
        options.EffectiveWriteTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.EffectiveReadTimeout.Should().Be(TimeSpan.FromSeconds(3));
        options.ReadRepairMode.Should().Be(ReadRepairMode.Sync);
        options.TenantCacheTtl.Should().Be(TimeSpan.FromMinutes(5));
        options.TenantCacheMaxEntries.Should().Be(10_000);
        options.MetricsEnabled.Should().BeTrue();
        options.MetricsPort.Should().Be(9191);
        options.MetricsPath.Should().Be("/prom");
        options.LogLevel.Should().Be(LogLevel.Warning);
        options.LogFormat.Should().Be(LogFormat.Text);
    }

    [Fact]
    public void Load_SeedLayoutFile_WarnsOnceForEachKeyWithoutEffect()
    {
        // Arrange
        var path = _context.WriteConfig(SeedYaml);

        // Act
        var options = _context.Load("--config", path);

        // Assert
        options.ConfigurationWarnings.Should().HaveCount(4);
        options.ConfigurationWarnings.Should().ContainSingle(w => w.StartsWith("server.read_timeout = '10s'", StringComparison.Ordinal));
        options.ConfigurationWarnings.Should().ContainSingle(w => w.StartsWith("server.write_timeout = '10s'", StringComparison.Ordinal));
        options.ConfigurationWarnings.Should().ContainSingle(w => w.StartsWith("redis.pool_size = '100'", StringComparison.Ordinal) && w.Contains("multiplexes"));
        options.ConfigurationWarnings.Should().ContainSingle(w => w.StartsWith("redis.min_idle_conns = '10'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RetiredSweepInterval_AcceptedWithAWarningNamingIt()
    {
        // Arrange: the storage section of a file written for an earlier version.
        var path = _context.WriteConfig("storage:\n  tombstone_grace: 24h\n  tombstone_sweep_interval: 1m\n");

        // Act
        var options = _context.Load("--config", path);

        // Assert
        options.StorageTombstoneGrace.Should().Be(TimeSpan.FromHours(24));
        options.ConfigurationWarnings.Should().ContainSingle().Which.Should()
            .StartWith("storage.tombstone_sweep_interval = '1m'").And.Contain("has no effect").And.Contain("anti-entropy");
    }

    [Fact]
    public void Load_ProjectLayoutFile_HasNoWarnings()
    {
        // Arrange
        var path = _context.WriteConfig("server:\n  port: 50053\nrequests:\n  default_timeout_ms: 700\n");

        // Act
        var options = _context.Load("--config", path);

        // Assert
        options.ServerPort.Should().Be(50053);
        options.EffectiveReadTimeout.Should().Be(TimeSpan.FromMilliseconds(700));
        options.ConfigurationWarnings.Should().BeEmpty();
    }

    [Fact]
    public void Load_EnvironmentOverSeedKeys_EnvironmentWins()
    {
        // Arrange
        var path = _context.WriteConfig(SeedYaml);
        _context.Set("BIND_ADDRESS", "127.0.0.1").Set("DATABASE_HOST", "127.0.0.2").Set("DATABASE_NAME", "other")
            .Set("REDIS_DATABASE", "4").Set("TENANT_CACHE_TTL_MS", "1500").Set("LOG_FORMAT", "json");

        // Act
        var options = _context.Load("--config", path);

        // Assert
        options.BindAddress.Should().Be("127.0.0.1");
        options.DatabaseHost.Should().Be("127.0.0.2");
        options.DatabaseName.Should().Be("other");
        options.RedisDatabase.Should().Be(4);
        options.TenantCacheTtl.Should().Be(TimeSpan.FromMilliseconds(1500));
        options.LogFormat.Should().Be(LogFormat.Json);
    }

    [Theory]
    [InlineData("server:\n  shutdown_timeout: 30\n", "server.shutdown_timeout")]
    [InlineData("server:\n  read_timeout: soon\n", "server.read_timeout")]
    [InlineData("consistency:\n  write_timeout: -5s\n", "consistency.write_timeout")]
    [InlineData("cache:\n  tenant_config_ttl: 0\n", "cache.tenant_config_ttl")]
    [InlineData("hash_ring:\n  update_interval: 10 s\n", "hash_ring.update_interval")]
    [InlineData("consistency:\n  default_level: strong\n", "consistency.default_level")]
    [InlineData("consistency:\n  repair_async: maybe\n", "consistency.repair_async")]
    [InlineData("redis:\n  pool_size: many\n", "redis.pool_size")]
    [InlineData("logging:\n  format: xml\n", "logging.format")]
    [InlineData("metrics:\n  path: metrics\n", "metrics.path")]
    public void Load_InvalidSeedValue_NamesTheKey(string yaml, string key)
    {
        // Arrange
        var path = _context.WriteConfig(yaml);

        // Act
        var load = () => _context.Load("--config", path);

        // Assert
        load.Should().Throw<CoordinatorConfigurationException>().Where(e => e.Key == key && e.Message.Contains(key));
    }

    [Theory]
    [InlineData("cache:\n  max_sizes: 10\n", "cache.max_sizes")]
    [InlineData("hash_ring:\n  vnodes: 150\n", "hash_ring.vnodes")]
    [InlineData("logging:\n  output: stdout\n", "logging.output")]
    public void Load_UnknownSeedStyleKey_IsRefusedNamingIt(string yaml, string key)
    {
        // Arrange
        var path = _context.WriteConfig(yaml);

        // Act
        var load = () => _context.Load("--config", path);

        // Assert
        load.Should().Throw<CoordinatorConfigurationException>()
            .Where(e => e.Key == key && e.Message.Contains($"unknown setting '{key}'") && e.Message.Contains("cache.tenant_config_ttl"));
    }

    [Theory]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("fatal", LogLevel.Critical)]
    [InlineData("panic", LogLevel.Critical)]
    public void Load_SeedLogLevel_MapsToTheDotNetLevel(string level, LogLevel expected)
    {
        // Arrange
        var path = _context.WriteConfig($"logging:\n  level: {level}\n");

        // Act
        var options = _context.Load("--config", path);

        // Assert
        options.LogLevel.Should().Be(expected);
    }

    [Fact]
    public void Load_SeedMinConnectionsAboveMax_Fails()
    {
        // Arrange
        var path = _context.WriteConfig("database:\n  max_connections: 5\n  min_connections: 6\n");

        // Act
        var load = () => _context.Load("--config", path);

        // Assert
        load.Should().Throw<CoordinatorConfigurationException>().Where(e => e.Key == "database.min_pool_size");
    }

    [Fact]
    public void Load_MetricsDisabled_AllowsItsPortToMatchAnother()
    {
        // Arrange
        var path = _context.WriteConfig("metrics:\n  enabled: false\n  port: 50051\n");

        // Act
        var options = _context.Load("--config", path);

        // Assert
        options.MetricsEnabled.Should().BeFalse();
    }
}
