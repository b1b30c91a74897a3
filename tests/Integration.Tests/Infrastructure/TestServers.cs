using Npgsql;

namespace PairDb.Integration.Tests.Infrastructure;

/// <summary>Connection details of the throwaway PostgreSQL and Redis servers that scripts/test.sh starts.</summary>
/// <remarks>
/// A test that needs a server never skips: when the variables are absent, reading a property throws with
/// a message that says how to get the servers, so the test fails loudly locally and in CI alike.
/// </remarks>
public sealed class TestServers
{
    /// <summary>Environment variable holding the Npgsql connection string of the test database.</summary>
    public const string PostgresVariable = "PAIRDB_TEST_PG";

    /// <summary>Environment variable holding the Redis endpoint as host:port.</summary>
    public const string RedisVariable = "PAIRDB_TEST_REDIS";

    /// <summary>Environment variable set to 1 by scripts/test.sh: servers are expected in this run.</summary>
    public const string ServersVariable = "PAIRDB_TEST_SERVERS";

    private readonly string? _postgresConnectionString;
    private readonly string? _redisEndpoint;
    private readonly bool _serversExpected;

    /// <summary>Reads the servers from the process environment.</summary>
    public TestServers()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    internal TestServers(Func<string, string?> getVariable)
    {
        _postgresConnectionString = NullIfBlank(getVariable(PostgresVariable));
        _redisEndpoint = NullIfBlank(getVariable(RedisVariable));
        _serversExpected = string.Equals(getVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            || getVariable(ServersVariable) == "1";
    }

    /// <summary>Npgsql connection string (with password) of the test database; its user may create databases.</summary>
    public string PostgresConnectionString => _postgresConnectionString ?? throw Missing(PostgresVariable);

    /// <summary>StackExchange.Redis configuration string for the test Redis.</summary>
    // abortConnect=false: a connection that fails at first keeps retrying instead of throwing from Connect.
    public string RedisConfiguration => (_redisEndpoint ?? throw Missing(RedisVariable)) + ",abortConnect=false";

    /// <summary>Creates an empty database of its own for a test and returns its connection string.</summary>
    /// <remarks>Never dropped: the whole server is thrown away when scripts/test.sh ends.</remarks>
    public async Task<string> CreateScratchDatabaseAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
        string name = "scratch_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            // The name is a fresh GUID, never input, and CREATE DATABASE takes no parameters.
            await using var command = new NpgsqlCommand("CREATE DATABASE " + name, connection);
            await command.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        return builder.ConnectionString;
    }

    private InvalidOperationException Missing(string variable)
    {
        string message = _serversExpected
            ? $"{variable} is not set, yet this run expects real servers (CI=true or {ServersVariable}=1): "
              + "run the tests through ./scripts/test.sh, which starts throwaway PostgreSQL and Redis and sets it."
            : $"{variable} is not set: this test needs throwaway PostgreSQL and Redis servers; "
              + "run ./scripts/test.sh (add e.g. --filter FullyQualifiedName~Integration to run only these tests).";
        return new InvalidOperationException(message);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
