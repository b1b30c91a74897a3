using FluentAssertions;
using PairDb.Coordinator.Configuration;

namespace PairDb.Coordinator.Tests.Configuration;

/// <summary>cluster.* and CLUSTER_* / MANAGEMENT_PORT: defaults, the YAML section, environment overrides and every refusal.</summary>
public sealed class ClusterSettingsTests : IDisposable
{
    private readonly ConfigurationTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Load_NothingSet_IsAOneCoordinatorClusterOnTheDefaultPorts()
    {
        // Act
        var cluster = _context.Load().Cluster;

        // Assert
        cluster.Hostname.Should().Be("127.0.0.1");
        cluster.Port.Should().Be(4053);
        cluster.PublicPort.Should().Be(0, "the port listened on is advertised");
        cluster.Seeds.Should().BeEmpty();
        cluster.ManagementPort.Should().Be(8558);
        cluster.JoinsItself.Should().BeTrue();
    }

    [Fact]
    public void Load_YamlClusterSectionWithSeedList_SetsEverySetting()
    {
        // Arrange
        var path = _context.WriteConfig("""
            cluster:
              hostname: coord-1.coord-headless
              port: 4100
              public_port: 14100
              seeds:
                - coord-0.coord-headless:4100
                - "[fd00::5]:4101"
              management_port: 8600
            database: { host: pg.internal }
            redis: { host: redis.internal }
            """);

        // Act
        var cluster = _context.Load("--config", path).Cluster;

        // Assert
        cluster.Should().BeEquivalentTo(new ClusterSettings
        {
            Hostname = "coord-1.coord-headless",
            Port = 4100,
            PublicPort = 14100,
            Seeds = [new ClusterSeed("coord-0.coord-headless", 4100), new ClusterSeed("[fd00::5]", 4101)],
            ManagementPort = 8600,
        });
        cluster.JoinsItself.Should().BeFalse();
    }

    [Fact]
    public void Load_EveryClusterVariable_OverridesTheYamlFile()
    {
        // Arrange
        var path = _context.WriteConfig("cluster: { hostname: yaml-host, port: 4100, public_port: 14100, seeds: \"yaml-seed:4100\", management_port: 8600 }\n"
            + "database: { host: pg.internal }\nredis: { host: redis.internal }\n");
        _context.Set("CONFIG_PATH", path).Set("CLUSTER_HOSTNAME", "10.0.0.7").Set("CLUSTER_PORT", "4200").Set("CLUSTER_PUBLIC_PORT", "14200")
            .Set("CLUSTER_SEEDS", " env-seed-0:4200 , 10.0.0.8:4201,, ").Set("MANAGEMENT_PORT", "8700");

        // Act
        var cluster = _context.Load().Cluster;

        // Assert
        cluster.Hostname.Should().Be("10.0.0.7");
        cluster.Port.Should().Be(4200);
        cluster.PublicPort.Should().Be(14200);
        cluster.Seeds.Should().Equal(new ClusterSeed("env-seed-0", 4200), new ClusterSeed("10.0.0.8", 4201));
        cluster.Seeds.Select(static s => s.ToString()).Should().Equal("env-seed-0:4200", "10.0.0.8:4201");
        cluster.ManagementPort.Should().Be(8700);
    }

    [Fact]
    public void Load_ClusterPortZero_PicksAFreePortLater()
    {
        // Arrange
        _context.Set("CLUSTER_PORT", "0").Set("MANAGEMENT_PORT", "0");

        // Act
        var cluster = _context.Load().Cluster;

        // Assert
        (cluster.Port, cluster.ManagementPort).Should().Be((0, 0));
    }

    [Theory]
    [InlineData("CLUSTER_PORT", "cluster.port", "-1")]
    [InlineData("CLUSTER_PORT", "cluster.port", "65536")]
    [InlineData("CLUSTER_PORT", "cluster.port", "four")]
    [InlineData("CLUSTER_PUBLIC_PORT", "cluster.public_port", "65536")]
    [InlineData("MANAGEMENT_PORT", "cluster.management_port", "70000")]
    [InlineData("CLUSTER_HOSTNAME", "cluster.hostname", "coord 1")]
    [InlineData("CLUSTER_HOSTNAME", "cluster.hostname", "coord/1")]
    public void Load_InvalidValue_NamesTheKeyTheValueAndTheVariable(string variable, string key, string value)
    {
        // Arrange
        _context.Set(variable, value);

        // Act
        var load = () => _context.Load();

        // Assert
        var error = load.Should().Throw<CoordinatorConfigurationException>().Which;
        error.Key.Should().Be(key);
        error.Value.Should().Be(value);
        error.Message.Should().Contain(variable).And.Contain($"'{value}'").And.Contain("environment variable " + variable);
    }

    [Theory]
    [InlineData("coord-0", "entry 'coord-0' has no :port")]
    [InlineData("[::1]", "entry '[::1]' has no :port")]
    [InlineData(":4053", "entry ':4053' has no valid host")]
    [InlineData("::1:4053", "entry '::1:4053' has no valid host")]
    [InlineData("coord 0:4053", "entry 'coord 0:4053' has no valid host")]
    [InlineData("coord-0:0", "entry 'coord-0:0' has a port that is not 1..65535")]
    [InlineData("coord-0:65536", "entry 'coord-0:65536' has a port that is not 1..65535")]
    [InlineData("coord-0:akka", "entry 'coord-0:akka' has a port that is not 1..65535")]
    [InlineData("coord-0:4053,coord-1", "entry 'coord-1' has no :port")]
    [InlineData("coord-0:4053,COORD-0:4053", "seed COORD-0:4053 appears more than once")]
    public void Load_BadSeed_NamesTheEntryAndTheExpectedSyntax(string value, string reason)
    {
        // Arrange
        _context.Set("CLUSTER_SEEDS", value);

        // Act
        var load = () => _context.Load();

        // Assert
        var error = load.Should().Throw<CoordinatorConfigurationException>().Which;
        error.Key.Should().Be("cluster.seeds");
        error.Message.Should().Contain("CLUSTER_SEEDS").And.Contain("host:port").And.Contain(reason).And.Contain($"'{value}'");
    }

    [Theory]
    [InlineData("CLUSTER_PORT", "50051", "cluster.port", "server.port")]
    [InlineData("CLUSTER_PORT", "8080", "cluster.port", "health.port")]
    [InlineData("CLUSTER_PORT", "9090", "cluster.port", "metrics.port")]
    [InlineData("MANAGEMENT_PORT", "8080", "cluster.management_port", "health.port")]
    [InlineData("MANAGEMENT_PORT", "4053", "cluster.management_port", "cluster.port")]
    public void Load_ClusterPortSharedWithAnotherListener_Fails(string variable, string value, string key, string otherKey)
    {
        // Arrange
        _context.Set(variable, value);

        // Act
        var load = () => _context.Load();

        // Assert
        var error = load.Should().Throw<CoordinatorConfigurationException>().Which;
        error.Key.Should().Be(key);
        error.Message.Should().Contain(variable).And.Contain(otherKey);
    }
}
