using System.Globalization;
using Npgsql;
using PairDb.Integration.Tests.Infrastructure;

namespace PairDb.Integration.Tests.Cluster;

/// <summary>
/// The production shape's stores for coordinator processes: a scratch PostgreSQL database and the test Redis under a key
/// prefix of their own, so no two sets of coordinators in one test run see each other's idempotency records.
/// </summary>
public static class SharedStores
{
    public static async Task<Dictionary<string, string>> EnvironmentAsync(TestServers servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var database = new NpgsqlConnectionStringBuilder(await servers.CreateScratchDatabaseAsync());
        var redis = servers.RedisConfiguration.Split(',')[0].Split(':');
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DATABASE_HOST"] = database.Host!,
            ["DATABASE_PORT"] = database.Port.ToString(CultureInfo.InvariantCulture),
            ["DATABASE_NAME"] = database.Database!,
            ["DATABASE_USER"] = database.Username!,
            ["DATABASE_PASSWORD"] = database.Password ?? string.Empty,
            ["REDIS_HOST"] = redis[0],
            ["REDIS_PORT"] = redis[1],
            ["REDIS_KEY_PREFIX"] = "pairdb:idem:" + Guid.NewGuid().ToString("N")[..12] + ":",
        };
    }
}
