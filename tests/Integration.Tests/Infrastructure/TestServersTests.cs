using FluentAssertions;

namespace PairDb.Integration.Tests.Infrastructure;

/// <summary>Checks that a missing server fails a test loudly with a hint instead of skipping it.</summary>
public sealed class TestServersTests
{
    [Fact]
    public void PostgresConnectionString_MissingLocally_ThrowsWithScriptHint()
    {
        // Arrange
        var servers = new TestServers(Environment(("PAIRDB_TEST_REDIS", "127.0.0.1:1")));

        // Act
        Action read = () => _ = servers.PostgresConnectionString;

        // Assert
        read.Should().Throw<InvalidOperationException>()
            .WithMessage("PAIRDB_TEST_PG is not set: *run ./scripts/test.sh*");
    }

    [Fact]
    public void RedisConfiguration_MissingInCi_ThrowsSayingServersAreExpected()
    {
        // Arrange
        var servers = new TestServers(Environment(("CI", "true"), ("PAIRDB_TEST_PG", "Host=127.0.0.1")));

        // Act
        Action read = () => _ = servers.RedisConfiguration;

        // Assert
        read.Should().Throw<InvalidOperationException>()
            .WithMessage("PAIRDB_TEST_REDIS is not set, yet this run expects real servers*./scripts/test.sh*");
    }

    [Fact]
    public void PostgresConnectionString_BlankWithServersFlag_ThrowsSayingServersAreExpected()
    {
        // Arrange
        var servers = new TestServers(Environment(("PAIRDB_TEST_SERVERS", "1"), ("PAIRDB_TEST_PG", "  ")));

        // Act
        Action read = () => _ = servers.PostgresConnectionString;

        // Assert
        read.Should().Throw<InvalidOperationException>()
            .WithMessage("PAIRDB_TEST_PG is not set, yet this run expects real servers*");
    }

    [Fact]
    public void Properties_VariablesSet_ReturnConnectionStrings()
    {
        // Arrange
        var servers = new TestServers(Environment(
            ("PAIRDB_TEST_PG", "Host=127.0.0.1;Port=5999"),
            ("PAIRDB_TEST_REDIS", "127.0.0.1:6999")));

        // Act
        string postgres = servers.PostgresConnectionString;
        string redis = servers.RedisConfiguration;

        // Assert
        postgres.Should().Be("Host=127.0.0.1;Port=5999");
        redis.Should().Be("127.0.0.1:6999,abortConnect=false");
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string value) in variables)
        {
            map[name] = value;
        }

        return name => map.TryGetValue(name, out string? value) ? value : null;
    }
}
