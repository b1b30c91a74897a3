using System.Globalization;
using System.Net;
using FluentAssertions;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using PairDb.Integration.Tests.Cluster;
using PairDb.Integration.Tests.Infrastructure;
using PairDb.Protocol.Coordinator;

namespace PairDb.Integration.Tests.Configuration;

/// <summary>
/// An operator's PairDB config.yaml (the seed layout) runs a real coordinator process against the test PostgreSQL and
/// Redis: it starts, serves a write and a read with the file's default consistency, exposes metrics where the file says,
/// logs JSON, and warns by name about the keys that have no effect here. The file binds 0.0.0.0 as an operator's does;
/// BIND_ADDRESS overrides it so the test listens on loopback only, and DATABASE_* / REDIS_* point at the test servers,
/// which is how an operator's environment overrides a file.
/// </summary>
[Collection(TestServersCollection.Name)]
public sealed class SeedLayoutConfigTests(TestServers servers) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _root = Directory.CreateTempSubdirectory("pairdb-seed-config-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still be releasing files; the OS temp cleanup takes the rest.
        }
    }

    [Fact]
    public async Task Coordinator_SeedLayoutConfigWithTestServers_StartsAndServesAWriteAndARead()
    {
        // Arrange
        var grpcPort = FreePorts.Next();
        var metricsPort = FreePorts.Next();
        var configPath = Path.Combine(_root, "config.yaml");
        await File.WriteAllTextAsync(configPath, SeedConfig(grpcPort, metricsPort));
        var database = new NpgsqlConnectionStringBuilder(await servers.CreateScratchDatabaseAsync());
        var redis = servers.RedisConfiguration.Split(',')[0].Split(':');
        using var coordinator = new ServerProcess("coordinator-seed", RepoPaths.CoordinatorDll, new Dictionary<string, string>
        {
            ["CONFIG_PATH"] = configPath,
            ["BIND_ADDRESS"] = "127.0.0.1",
            ["CLUSTER_PORT"] = "0",
            ["HEALTH_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["DATA_DIR"] = Path.Combine(_root, "data"),
            ["DATABASE_HOST"] = database.Host!,
            ["DATABASE_PORT"] = database.Port.ToString(CultureInfo.InvariantCulture),
            ["DATABASE_NAME"] = database.Database!,
            ["DATABASE_USER"] = database.Username!,
            ["DATABASE_PASSWORD"] = database.Password ?? string.Empty,
            ["REDIS_HOST"] = redis[0],
            ["REDIS_PORT"] = redis[1],
        });
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:" + grpcPort.ToString(CultureInfo.InvariantCulture));
        coordinator.Start();
        await WaitUntilServingAsync(coordinator, channel);

        // Act
        var write = await Kv.WriteAsync(channel, "seed-key", "seed-value", consistency: string.Empty);
        var read = await Kv.ReadAsync(channel, "seed-key", consistency: string.Empty);
        using var http = new HttpClient();
        using var metrics = await http.GetAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));

        // Assert
        write.Success.Should().BeTrue(coordinator.Output);
        write.Consistency.Should().Be("quorum", "consistency.default_level applies to a write that names none");
        read.Success.Should().BeTrue(coordinator.Output);
        read.Value.ToStringUtf8().Should().Be("seed-value");
        metrics.StatusCode.Should().Be(HttpStatusCode.OK);
        (await metrics.Content.ReadAsStringAsync()).Should().Contain("coordinator_");
        var lines = coordinator.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().OnlyContain(line => line.TrimStart().StartsWith('{'), "logging.format json writes one JSON object per line");
        foreach (var key in new[] { "server.read_timeout", "server.write_timeout", "redis.pool_size", "redis.min_idle_conns" })
        {
            lines.Should().ContainSingle(line => line.Contains("\"Warning\"") && line.Contains(key + " = "), $"{key} has no effect here and is named in a warning");
        }
    }

    /// <summary>The seed layout with the values of an operator's file; database and redis name hosts the environment overrides.</summary>
    private static string SeedConfig(int grpcPort, int metricsPort) => $"""
        server:
          host: "0.0.0.0"
          port: {grpcPort}
          node_id: "coordinator-1"
          max_connections: 1000
          read_timeout: 10s
          write_timeout: 5s
          shutdown_timeout: 3s
        database:
          host: "postgres.internal"
          port: 5432
          database: "pairdb"
          user: "pairdb"
          password: ""
          max_connections: 20
          min_connections: 2
          conn_max_lifetime: 30m
        redis:
          host: "redis.internal"
          port: 6379
          password: ""
          db: 0
          max_retries: 3
          pool_size: 100
          min_idle_conns: 10
        hash_ring:
          virtual_nodes: 150
          update_interval: 30s
        consistency:
          default_level: "quorum"
          write_timeout: 5s
          read_timeout: 3s
          repair_async: true
        cache:
          tenant_config_ttl: 5m
          max_size: 10000
        metrics:
          enabled: true
          port: {metricsPort}
          path: "/metrics"
        logging:
          level: "info"
          format: "json"
        """;

    private static async Task WaitUntilServingAsync(ServerProcess process, GrpcChannel channel)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!process.IsRunning)
            {
                throw new InvalidOperationException($"{process.Name} exited during start.\n{process.Output}");
            }

            try
            {
                var tenant = await channel.CoordinatorClient().GetTenantAsync(
                    new GetTenantRequest { TenantId = "default" }, GrpcClients.Within(TimeSpan.FromSeconds(2)));
                if (tenant.ReplicationFactor > 0)
                {
                    return;
                }
            }
            catch (RpcException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{process.Name} was not ready within {StartTimeout.TotalSeconds} s.\n{process.Output}");
    }
}
