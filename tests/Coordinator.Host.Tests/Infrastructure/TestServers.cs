using Npgsql;

namespace PairDb.Coordinator.Tests.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL and Redis that scripts/test.sh starts (PAIRDB_TEST_PG, PAIRDB_TEST_REDIS). A test that
/// needs them never skips: when a variable is absent, reading it throws with how to get the servers.
/// </summary>
internal static class TestServers
{
    public const string PostgresVariable = "PAIRDB_TEST_PG";

    public const string RedisVariable = "PAIRDB_TEST_REDIS";

    /// <summary>Npgsql connection string of the test server; its user may create databases.</summary>
    public static string PostgresConnectionString => Read(PostgresVariable);

    /// <summary>StackExchange.Redis configuration of the test server (retrying rather than failing at connect).</summary>
    public static string RedisConfiguration => Read(RedisVariable) + ",abortConnect=false";

    /// <summary>Creates an empty database for one test and returns its connection string.</summary>
    /// <remarks>Not dropped: the whole server is thrown away when scripts/test.sh ends.</remarks>
    public static async Task<string> CreateScratchDatabaseAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
        var name = "scratch_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();

            // The name is a fresh GUID, never input; CREATE DATABASE takes no parameters.
            await using var command = new NpgsqlCommand("CREATE DATABASE " + name, connection);
            await command.ExecuteNonQueryAsync();
        }

        builder.Database = name;
        return builder.ConnectionString;
    }

    private static string Read(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException(
                $"{variable} is not set: this test needs the throwaway PostgreSQL and Redis servers; run it through ./scripts/test.sh "
                + "(e.g. ./scripts/test.sh --filter FullyQualifiedName~Coordinator.Host).")
            : value;
    }
}
