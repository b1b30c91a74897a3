using FluentAssertions;
using Microsoft.Extensions.Logging;
using PairDb.Actors.Quorum;
using PairDb.Coordinator.Configuration;
using PairDb.Messages.Values;
using PairDb.Storage.Hosting;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>Defaults, then YAML, then environment: each layer overrides the one before, for every key.</summary>
public sealed class CoordinatorOptionsLoaderTests : IDisposable
{
    private static readonly string[] EnvironmentVariables =
    [
        "SERVER_PORT", "BIND_ADDRESS", "HEALTH_PORT", "METRICS_PORT", "COORDINATOR_NODE_ID", "DATA_DIR", "EMBEDDED_STORAGE_NODES",
        "STORAGE_NODES", "STORAGE_DURABILITY", "MAX_VALUE_BYTES", "MAX_BATCH_KEYS", "REPLICA_MAX_BATCH_BYTES", "REQUEST_TIMEOUT_MS", "REPLICA_TIMEOUT_MS",
        "MAILBOX_CAPACITY", "MAX_IN_FLIGHT", "PASSIVATE_AFTER_MS", "LAST_STAMP_CACHE_ENTRIES", "READ_REPAIR_MODE", "REPAIR_QUEUE_CAPACITY", "READ_SPECULATIVE_RETRY_MS",
        "READ_FULL_READ_CHANCE", "PROBE_INTERVAL_MS",
        "FAILURE_THRESHOLD", "IDEMPOTENCY_RETENTION_HOURS", "DEFAULT_REPLICATION_FACTOR", "CLOCK_MAX_ENTRIES", "LOG_LEVEL",
        "DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_USER", "DATABASE_PASSWORD", "REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD",
        "CLUSTER_HOSTNAME", "CLUSTER_PORT", "CLUSTER_PUBLIC_PORT", "CLUSTER_SEEDS", "MANAGEMENT_PORT",
    ];

    private readonly ConfigurationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Load_NoFileAndNoVariables_UsesTheDocumentedDefaults()
    {
        var options = _context.Load();

        options.Should().BeEquivalentTo(new CoordinatorOptions { DataDirectory = _context.DataDirectory }, o => o.Excluding(x => x.NodeId));
        options.ServerPort.Should().Be(50051);
        options.BindAddress.Should().Be("127.0.0.1");
        options.HealthPort.Should().Be(8080);
        options.MetricsPort.Should().Be(9090);
        options.EmbeddedStorageNodes.Should().Be(3);
        options.StorageNodes.Should().BeEmpty();
        options.StorageDurability.Should().Be(DurabilityMode.Fsync);
        options.MaxValueBytes.Should().Be(1_048_576);
        options.MaxBatchKeys.Should().Be(100);
        options.ReplicaMaxBatchBytes.Should().Be(4_194_304);
        options.MaxClientRequestBytes.Should().Be(1_048_576 + 65_536);
        options.MaxMessageBytes.Should().Be(16_777_216);
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.ReplicaCallTimeout.Should().Be(TimeSpan.FromSeconds(2));
        options.MailboxCapacity.Should().Be(1024);
        options.MaxInFlight.Should().Be(10_000);
        options.PassivateAfter.Should().Be(TimeSpan.FromSeconds(5));
        options.LastStampCacheEntries.Should().Be(100_000);
        options.ReadRepairMode.Should().Be(ReadRepairMode.Async);
        options.RepairQueueCapacity.Should().Be(10_000);
        options.ReadSpeculativeRetry.Should().Be(TimeSpan.FromMilliseconds(10));
        options.FullReadChance.Should().Be(0.1);
        options.ProbeInterval.Should().Be(TimeSpan.FromSeconds(1));
        options.FailureThreshold.Should().Be(3);
        options.IdempotencyRetention.Should().Be(TimeSpan.FromHours(24));
        options.DefaultReplicationFactor.Should().Be(3);
        options.ClockMaxEntries.Should().Be(10);
        options.DatabaseHost.Should().BeEmpty();
        options.DatabasePort.Should().Be(5432);
        options.DatabaseName.Should().Be("pairdb");
        options.DatabaseUser.Should().Be("pairdb");
        options.DatabasePassword.Should().BeEmpty();
        options.RedisHost.Should().BeEmpty();
        options.RedisPort.Should().Be(6379);
        options.RedisPassword.Should().BeEmpty();
        options.LogLevel.Should().Be(LogLevel.Information);
        options.ConfigFile.Should().BeNull();
        options.NodeId.Should().MatchRegex("^coord-[0-9a-f]{8}$");
    }

    [Fact]
    public void Load_YamlFileFromArgument_OverridesDefaults()
    {
        var path = _context.WriteConfig("""
            server:
              port: 6000
              bind_address: 0.0.0.0
            health: { port: 6001 }
            metrics:
              port: 6002
            coordinator:
              node_id: coord-yaml
            storage:
              embedded_nodes: 0
              nodes:
                - s1=10.0.0.5:50061
                - s2=[::1]:50062
              durability: os
            limits: { max_value_bytes: 2048, max_batch_keys: 50 }
            requests: { default_timeout_ms: 750, max_in_flight: 500 }
            replicas: { call_timeout_ms: 250, max_batch_bytes: 100000 }
            actors: { mailbox_capacity: 16, passivate_after_ms: 1500, last_stamp_cache_entries: 50 }
            repair: { mode: sync, queue_capacity: 7 }
            reads: { speculative_retry_ms: 25, full_read_chance: 0.5 }
            ring: { probe_interval_ms: 200, failure_threshold: 5 }
            idempotency: { retention_hours: 2 }
            tenants: { default_replication_factor: 1 }
            clock: { max_entries: 4 }
            database: { host: db.internal, port: 5433, name: meta, user: coord, password: "s3cret, with comma" }
            redis: { host: 10.0.0.9, port: 6380, password: r3dis }
            log: { level: warning }
            """);

        var options = _context.Load("--config", path);

        options.Should().BeEquivalentTo(new CoordinatorOptions
        {
            ServerPort = 6000,
            BindAddress = "0.0.0.0",
            HealthPort = 6001,
            MetricsPort = 6002,
            NodeId = "coord-yaml",
            DataDirectory = _context.DataDirectory,
            EmbeddedStorageNodes = 0,
            StorageNodes =
            [
                new StorageNode("s1", "10.0.0.5", 50061, 150, StorageNodeStatus.Active),
                new StorageNode("s2", "[::1]", 50062, 150, StorageNodeStatus.Active),
            ],
            StorageDurability = DurabilityMode.Os,
            MaxValueBytes = 2048,
            MaxBatchKeys = 50,
            ReplicaMaxBatchBytes = 100_000,
            RequestTimeout = TimeSpan.FromMilliseconds(750),
            ReplicaCallTimeout = TimeSpan.FromMilliseconds(250),
            MailboxCapacity = 16,
            MaxInFlight = 500,
            PassivateAfter = TimeSpan.FromMilliseconds(1500),
            LastStampCacheEntries = 50,
            ReadRepairMode = ReadRepairMode.Sync,
            RepairQueueCapacity = 7,
            ReadSpeculativeRetry = TimeSpan.FromMilliseconds(25),
            FullReadChance = 0.5,
            ProbeInterval = TimeSpan.FromMilliseconds(200),
            FailureThreshold = 5,
            IdempotencyRetention = TimeSpan.FromHours(2),
            DefaultReplicationFactor = 1,
            ClockMaxEntries = 4,
            DatabaseHost = "db.internal",
            DatabasePort = 5433,
            DatabaseName = "meta",
            DatabaseUser = "coord",
            DatabasePassword = "s3cret, with comma",
            RedisHost = "10.0.0.9",
            RedisPort = 6380,
            RedisPassword = "r3dis",
            LogLevel = LogLevel.Warning,
            ConfigFile = path,
        });
    }

    [Fact]
    public void Load_EveryEnvironmentVariable_OverridesTheYamlFile()
    {
        var path = _context.WriteConfig("""
            server: { port: 6000, bind_address: 0.0.0.0 }
            health: { port: 6001 }
            metrics: { port: 6002 }
            coordinator: { node_id: coord-yaml }
            storage: { embedded_nodes: 0, nodes: "s1=10.0.0.5:50061", durability: os }
            limits: { max_value_bytes: 2048, max_batch_keys: 50 }
            requests: { default_timeout_ms: 750, max_in_flight: 500 }
            replicas: { call_timeout_ms: 250, max_batch_bytes: 100000 }
            actors: { mailbox_capacity: 16, passivate_after_ms: 1500, last_stamp_cache_entries: 50 }
            repair: { mode: sync, queue_capacity: 7 }
            reads: { speculative_retry_ms: 25, full_read_chance: 0.5 }
            ring: { probe_interval_ms: 200, failure_threshold: 5 }
            idempotency: { retention_hours: 2 }
            tenants: { default_replication_factor: 1 }
            clock: { max_entries: 4 }
            database: { host: db.internal, port: 5433, name: meta, user: coord, password: yaml-pw }
            redis: { host: 10.0.0.9, port: 6380, password: yaml-pw }
            log: { level: warning }
            """);
        var dataDirectory = Path.Combine(_context.Root, "env-data");
        _context.Set("CONFIG_PATH", path).Set("SERVER_PORT", "7000").Set("BIND_ADDRESS", "::1").Set("HEALTH_PORT", "7001")
            .Set("METRICS_PORT", "7002").Set("COORDINATOR_NODE_ID", "coord-env").Set("DATA_DIR", dataDirectory)
            .Set("EMBEDDED_STORAGE_NODES", "5").Set("STORAGE_NODES", "s9=node9:1234").Set("STORAGE_DURABILITY", "FSYNC")
            .Set("MAX_VALUE_BYTES", "4096").Set("MAX_BATCH_KEYS", "60").Set("REPLICA_MAX_BATCH_BYTES", "200000").Set("REQUEST_TIMEOUT_MS", "900")
            .Set("REPLICA_TIMEOUT_MS", "300").Set("MAILBOX_CAPACITY", "32").Set("MAX_IN_FLIGHT", "600")
            .Set("PASSIVATE_AFTER_MS", "1600").Set("LAST_STAMP_CACHE_ENTRIES", "0").Set("READ_REPAIR_MODE", "off").Set("REPAIR_QUEUE_CAPACITY", "8")
            .Set("READ_SPECULATIVE_RETRY_MS", "30").Set("READ_FULL_READ_CHANCE", "1")
            .Set("PROBE_INTERVAL_MS", "210").Set("FAILURE_THRESHOLD", "6").Set("IDEMPOTENCY_RETENTION_HOURS", "3")
            .Set("DEFAULT_REPLICATION_FACTOR", "2").Set("CLOCK_MAX_ENTRIES", "5").Set("LOG_LEVEL", "Debug")
            .Set("DATABASE_HOST", "pg.env").Set("DATABASE_PORT", "6543").Set("DATABASE_NAME", "envdb").Set("DATABASE_USER", "envuser")
            .Set("DATABASE_PASSWORD", "env-pw").Set("REDIS_HOST", "redis.env").Set("REDIS_PORT", "6390").Set("REDIS_PASSWORD", "env-redis");

        var options = _context.Load();

        options.Should().BeEquivalentTo(new CoordinatorOptions
        {
            ServerPort = 7000,
            BindAddress = "::1",
            HealthPort = 7001,
            MetricsPort = 7002,
            NodeId = "coord-env",
            DataDirectory = dataDirectory,
            EmbeddedStorageNodes = 5,
            StorageNodes = [new StorageNode("s9", "node9", 1234, 150, StorageNodeStatus.Active)],
            StorageDurability = DurabilityMode.Fsync,
            MaxValueBytes = 4096,
            MaxBatchKeys = 60,
            ReplicaMaxBatchBytes = 200_000,
            RequestTimeout = TimeSpan.FromMilliseconds(900),
            ReplicaCallTimeout = TimeSpan.FromMilliseconds(300),
            MailboxCapacity = 32,
            MaxInFlight = 600,
            PassivateAfter = TimeSpan.FromMilliseconds(1600),
            LastStampCacheEntries = 0,
            ReadRepairMode = ReadRepairMode.Off,
            RepairQueueCapacity = 8,
            ReadSpeculativeRetry = TimeSpan.FromMilliseconds(30),
            FullReadChance = 1,
            ProbeInterval = TimeSpan.FromMilliseconds(210),
            FailureThreshold = 6,
            IdempotencyRetention = TimeSpan.FromHours(3),
            DefaultReplicationFactor = 2,
            ClockMaxEntries = 5,
            DatabaseHost = "pg.env",
            DatabasePort = 6543,
            DatabaseName = "envdb",
            DatabaseUser = "envuser",
            DatabasePassword = "env-pw",
            RedisHost = "redis.env",
            RedisPort = 6390,
            RedisPassword = "env-redis",
            LogLevel = LogLevel.Debug,
            ConfigFile = path,
        });
    }

    [Fact]
    public void Load_ArgumentAndVariableBothNameFiles_TheArgumentWins()
    {
        var fromVariable = _context.WriteConfig("server: { port: 6100 }", "variable.yaml");
        var fromArgument = _context.WriteConfig("server: { port: 6200 }", "argument.yaml");
        _context.Set("CONFIG_PATH", fromVariable);

        var options = _context.Load("--urls", "x", "--config=" + fromArgument);

        options.ServerPort.Should().Be(6200);
        options.ConfigFile.Should().Be(fromArgument);
    }

    [Fact]
    public void Load_EmptyVariableAndEmptyYamlValue_KeepDefaults()
    {
        var path = _context.WriteConfig("server:\n  port:\nstorage:\n  nodes: \"\"\n");
        _context.Set("CONFIG_PATH", path).Set("HEALTH_PORT", "");

        var options = _context.Load();

        options.ServerPort.Should().Be(50051);
        options.HealthPort.Should().Be(8080);
        options.StorageNodes.Should().BeEmpty();
    }

    [Fact]
    public void Load_SampleConfigAtRepositoryRoot_DocumentsEveryKeyAndChangesNothing()
    {
        var sample = Path.Combine(RepositoryRoot(), "config.yaml");
        var text = File.ReadAllText(sample);

        var options = _context.Load("--config", sample);

        options.Should().BeEquivalentTo(new CoordinatorOptions { DataDirectory = _context.DataDirectory, ConfigFile = sample }, o => o.Excluding(x => x.NodeId));
        foreach (var variable in EnvironmentVariables)
        {
            text.Should().Contain("env " + variable + ",", $"config.yaml documents {variable}");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PairDb.Akka.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PairDb.Akka.sln not found above " + AppContext.BaseDirectory);
    }
}
