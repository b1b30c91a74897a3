using FluentAssertions;
using PairDb.Coordinator.Configuration;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>Every rejected value ends start-up with an error naming the key, the value and where it came from.</summary>
public sealed class CoordinatorOptionsErrorTests : IDisposable
{
    private readonly ConfigurationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Theory]
    [InlineData("SERVER_PORT", "server.port", "-1")]
    [InlineData("HEALTH_PORT", "health.port", "65536")]
    [InlineData("METRICS_PORT", "metrics.port", "ninety")]
    [InlineData("BIND_ADDRESS", "server.bind_address", "localhost")]
    [InlineData("COORDINATOR_NODE_ID", "coordinator.node_id", "coord one")]
    [InlineData("EMBEDDED_STORAGE_NODES", "storage.embedded_nodes", "-3")]
    [InlineData("STORAGE_DURABILITY", "storage.durability", "sometimes")]
    [InlineData("MAX_VALUE_BYTES", "limits.max_value_bytes", "0")]
    [InlineData("MAX_BATCH_KEYS", "limits.max_batch_keys", "0")]
    [InlineData("MAX_BATCH_KEYS", "limits.max_batch_keys", "1001")]
    [InlineData("REPLICA_MAX_BATCH_BYTES", "replicas.max_batch_bytes", "0")]
    [InlineData("REQUEST_TIMEOUT_MS", "requests.default_timeout_ms", "0")]
    [InlineData("REPLICA_TIMEOUT_MS", "replicas.call_timeout_ms", "2.5")]
    [InlineData("MAILBOX_CAPACITY", "actors.mailbox_capacity", "-1")]
    [InlineData("MAX_IN_FLIGHT", "requests.max_in_flight", "99999999999")]
    [InlineData("PASSIVATE_AFTER_MS", "actors.passivate_after_ms", "never")]
    [InlineData("LAST_STAMP_CACHE_ENTRIES", "actors.last_stamp_cache_entries", "-1")]
    [InlineData("READ_REPAIR_MODE", "repair.mode", "eager")]
    [InlineData("REPAIR_QUEUE_CAPACITY", "repair.queue_capacity", "0")]
    [InlineData("READ_SPECULATIVE_RETRY_MS", "reads.speculative_retry_ms", "0")]
    [InlineData("READ_FULL_READ_CHANCE", "reads.full_read_chance", "1.5")]
    [InlineData("READ_FULL_READ_CHANCE", "reads.full_read_chance", "-0.1")]
    [InlineData("READ_FULL_READ_CHANCE", "reads.full_read_chance", "10%")]
    [InlineData("READ_FULL_READ_CHANCE", "reads.full_read_chance", "NaN")]
    [InlineData("PROBE_INTERVAL_MS", "ring.probe_interval_ms", "-100")]
    [InlineData("FAILURE_THRESHOLD", "ring.failure_threshold", "0")]
    [InlineData("IDEMPOTENCY_RETENTION_HOURS", "idempotency.retention_hours", "0")]
    [InlineData("DEFAULT_REPLICATION_FACTOR", "tenants.default_replication_factor", "11")]
    [InlineData("CLOCK_MAX_ENTRIES", "clock.max_entries", "65")]
    [InlineData("LOG_LEVEL", "log.level", "3")]
    [InlineData("DATABASE_HOST", "database.host", "db host")]
    [InlineData("DATABASE_PORT", "database.port", "0")]
    [InlineData("DATABASE_NAME", "database.name", "pair db")]
    [InlineData("DATABASE_USER", "database.user", "the user")]
    [InlineData("REDIS_HOST", "redis.host", "redis/host")]
    [InlineData("REDIS_PORT", "redis.port", "65536")]
    public void Load_InvalidEnvironmentValue_NamesTheKeyTheValueAndTheVariable(string variable, string key, string value)
    {
        _context.Set(variable, value);

        var act = () => _context.Load();

        var error = act.Should().Throw<CoordinatorConfigurationException>().Which;
        error.Key.Should().Be(key);
        error.Value.Should().Be(value);
        error.Message.Should().Contain(key).And.Contain(variable).And.Contain($"'{value}'").And.Contain("environment variable " + variable);
    }

    [Fact]
    public void Load_NegativePortInYaml_NamesTheFile()
    {
        var path = _context.WriteConfig("server:\n  port: -5\n");

        var act = () => _context.Load("--config", path);

        act.Should().Throw<CoordinatorConfigurationException>()
            .Which.Message.Should().Contain("server.port").And.Contain("'-5'").And.Contain(path).And.Contain("0..65535");
    }

    [Fact]
    public void Load_UnknownDurability_ListsTheAcceptedModes()
    {
        _context.Set("STORAGE_DURABILITY", "paranoid");

        var act = () => _context.Load();

        act.Should().Throw<CoordinatorConfigurationException>().Which.Message.Should().Contain("'fsync'").And.Contain("'os'").And.Contain("'paranoid'");
    }

    [Fact]
    public void Load_FullReadChanceAboveOne_SaysTheRangeAndWhatItsEndsMean()
    {
        _context.Set("READ_FULL_READ_CHANCE", "2");

        var act = () => _context.Load();

        act.Should().Throw<CoordinatorConfigurationException>().Which.Message.Should().Be(
            "Invalid setting reads.full_read_chance (READ_FULL_READ_CHANCE) from environment variable READ_FULL_READ_CHANCE: "
            + "must be a number from 0 to 1 such as 0.1 (0 never, 1 always), got '2'.");
    }

    [Fact]
    public void Load_BatchBoundAboveInFlightBound_RefusedNamingBoth()
    {
        _context.Set("MAX_IN_FLIGHT", "50").Set("MAX_BATCH_KEYS", "60");

        var act = () => _context.Load();

        var error = act.Should().Throw<CoordinatorConfigurationException>().Which;
        error.Key.Should().Be("limits.max_batch_keys");
        error.Message.Should().Contain("MAX_BATCH_KEYS").And.Contain("requests.max_in_flight (50)").And.Contain("'60'");
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData(" 0.25 ", 0.25)]
    [InlineData("1", 1.0)]
    [InlineData("1.0", 1.0)]
    public void Load_FullReadChanceFromZeroToOne_Accepted(string value, double chance)
    {
        _context.Set("READ_FULL_READ_CHANCE", value);

        var options = _context.Load();

        options.FullReadChance.Should().Be(chance);
    }

    [Theory]
    [InlineData("s1", "has no id=")]
    [InlineData("=10.0.0.1:50061", "has no id=")]
    [InlineData("s1=10.0.0.1", "has no host:port")]
    [InlineData("s1=:50061", "has no host:port")]
    [InlineData("s1=10.0.0.1:0", "port that is not 1..65535")]
    [InlineData("s1=10.0.0.1:http", "port that is not 1..65535")]
    [InlineData("s1=::1:50061", "has no host:port")]
    [InlineData("s 1=10.0.0.1:50061", "node id 's 1'")]
    [InlineData("s1=10.0.0.1:50061,s1=10.0.0.2:50061", "'s1' appears more than once")]
    [InlineData("s1=10.0.0.1:50061,s2=10.0.0.1:50061", "10.0.0.1:50061 appears more than once")]
    public void Load_BadStorageNodes_ExplainsTheExpectedSyntax(string value, string reason)
    {
        _context.Set("STORAGE_NODES", value);

        var act = () => _context.Load();

        var error = act.Should().Throw<CoordinatorConfigurationException>().Which;
        error.Key.Should().Be("storage.nodes");
        error.Message.Should().Contain("STORAGE_NODES").And.Contain("id=host:port").And.Contain(reason).And.Contain($"'{value}'");
    }

    [Fact]
    public void Load_StorageNodesWithSpacesAndIpv6_ParsesEveryEntry()
    {
        _context.Set("STORAGE_NODES", " a=10.0.0.1:50061 , b=[fd00::2]:50062,,c=storage-c.local:7 ");

        var nodes = _context.Load().StorageNodes;

        nodes.Select(n => (n.NodeId, n.Host, n.Port, n.Address)).Should().Equal(
            ("a", "10.0.0.1", 50061, "http://10.0.0.1:50061"),
            ("b", "[fd00::2]", 50062, "http://[fd00::2]:50062"),
            ("c", "storage-c.local", 7, "http://storage-c.local:7"));
    }

    [Fact]
    public void Load_SamePortForTwoListeners_Fails()
    {
        _context.Set("SERVER_PORT", "7000").Set("METRICS_PORT", "7000");

        var act = () => _context.Load();

        act.Should().Throw<CoordinatorConfigurationException>().Which.Message.Should().Contain("metrics.port").And.Contain("server.port");
    }

    [Fact]
    public void Load_PortZeroForEveryListener_IsAllowed()
    {
        _context.Set("SERVER_PORT", "0").Set("HEALTH_PORT", "0").Set("METRICS_PORT", "0");

        var options = _context.Load();

        (options.ServerPort, options.HealthPort, options.MetricsPort).Should().Be((0, 0, 0));
    }

    [Fact]
    public void Load_DerivedMessageLimitPast2GiB_Fails()
    {
        _context.Set("MAX_VALUE_BYTES", "1073741824");

        var act = () => _context.Load();

        act.Should().Throw<CoordinatorConfigurationException>().Which.Key.Should().Be("limits.max_value_bytes");
    }

    [Fact]
    public void Load_UnknownYamlKey_NamesItAndTheKnownKeys()
    {
        var path = _context.WriteConfig("server:\n  prot: 1\n");

        var act = () => _context.Load("--config", path);

        act.Should().Throw<CoordinatorConfigurationException>().Which.Message.Should().Contain("'server.prot'").And.Contain("server.port");
    }

    [Fact]
    public void Load_MalformedYaml_ReportsTheLine()
    {
        var path = _context.WriteConfig("server:\n  port: [1, 2\n");

        var act = () => _context.Load("--config", path);

        act.Should().Throw<CoordinatorConfigurationException>().Which.Message.Should().Contain(path).And.Contain("not valid YAML");
    }

    [Fact]
    public void Load_YamlThatIsNotAMapping_Fails()
    {
        var path = _context.WriteConfig("- just\n- a list\n");

        var act = () => _context.Load("--config", path);

        act.Should().Throw<CoordinatorConfigurationException>().Which.Message.Should().Contain("mapping");
    }

    [Fact]
    public void Load_MissingConfigFile_NamesThePath()
    {
        var missing = Path.Combine(_context.Root, "nope.yaml");

        var act = () => _context.Load("--config", missing);

        act.Should().Throw<CoordinatorConfigurationException>().Which.Message.Should().Contain(missing);
    }

    [Theory]
    [InlineData("--config", null)]
    [InlineData("--config", "--other")]
    [InlineData("--config=", null)]
    public void Load_ConfigArgumentWithoutPath_Fails(string argument, string? next)
    {
        string[] args = next is null ? [argument] : [argument, next];

        var act = () => _context.Load(args);

        act.Should().Throw<CoordinatorConfigurationException>().Which.Key.Should().Be("--config");
    }
}
