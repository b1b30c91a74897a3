using System.Globalization;
using System.Text.Json.Nodes;
using FluentAssertions;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PairDb.Integration.Tests.Cluster;
using PairDb.Protocol.Storage;
using Version = PairDb.Protocol.Storage.Version;

namespace PairDb.Integration.Tests.Observability;

/// <summary>
/// Real processes, real requests, then GET /metrics over HTTP: the counters moved by exactly what the requests did,
/// the text passes promtool, and failed requests left JSON log lines with their outline only.
/// </summary>
public sealed class MetricsScrapeTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static CallOptions Call => GrpcClients.Within(TimeSpan.FromSeconds(10));
    private readonly string _root = Directory.CreateTempSubdirectory("pairdb-metrics-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<ServerProcess> _processes = [];
    private readonly List<GrpcChannel> _channels = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        _http.Dispose();
        var alive = new List<Exception>();
        foreach (var process in _processes)
        {
            try
            {
                process.Dispose();
            }
            catch (TimeoutException ex)
            {
                alive.Add(ex);
            }
        }

        if (alive.Count > 0)
        {
            // A process that outlived SIGKILL may still write to its data directory, so the directory stays.
            throw new AggregateException($"{alive.Count} processes in {_root} did not stop.", alive);
        }

        await Task.Yield();
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
    public async Task Coordinator_ScrapeAfterRequests_CountersMovedByTheRequestsAndPromtoolAccepts()
    {
        var (process, channel, metricsPort) = await StartCoordinatorAsync();
        var before = await ScrapeAsync(metricsPort);

        for (var i = 0; i < 3; i++)
        {
            await Kv.WriteAsync(channel, "metrics-key-" + i, "metrics-value-" + i);
        }

        // Writes reply at quorum: wait until the third replica of each has committed too, so the reads below find
        // every replica current and trigger no repair (a read racing a lagging replica would rightly repair it).
        await ScrapeUntilAsync(metricsPort, s => s.Sum("pairdb_storage_writes_total") - before.Sum("pairdb_storage_writes_total") >= 9);
        await Kv.ReadAsync(channel, "metrics-key-0");
        await Kv.ReadAsync(channel, "metrics-key-1");
        var missing = () => Kv.ReadAsync(channel, "metrics-missing");
        (await missing.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        var invalid = () => Kv.WriteAsync(channel, string.Empty, "metrics-value-invalid");
        (await invalid.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.InvalidArgument);

        // Replies come at quorum; the third replica's call still completes after, so wait until every one is counted.
        var after = await ScrapeUntilAsync(metricsPort, s =>
            s.Sum("pairdb_storage_writes_total") - before.Sum("pairdb_storage_writes_total") >= 9
            && Delta(before, s, "coordinator_replica_reads_total", ("result", "found")) >= 6);

        Delta(before, after, "coordinator_requests_total", ("method", "WriteKeyValue"), ("code", "OK")).Should().Be(3);
        Delta(before, after, "coordinator_requests_total", ("method", "WriteKeyValue"), ("code", "INVALID_ARGUMENT")).Should().Be(1);
        Delta(before, after, "coordinator_requests_total", ("method", "ReadKeyValue"), ("code", "OK")).Should().Be(2);
        Delta(before, after, "coordinator_requests_total", ("method", "ReadKeyValue"), ("code", "NOT_FOUND")).Should().Be(1);
        Delta(before, after, "coordinator_request_duration_seconds_count", ("method", "WriteKeyValue")).Should().Be(4);
        Delta(before, after, "coordinator_request_duration_seconds_count", ("method", "ReadKeyValue")).Should().Be(3);
        Delta(before, after, "coordinator_request_duration_seconds_bucket", ("method", "ReadKeyValue"), ("le", "+Inf")).Should().Be(3);
        Delta(before, after, "coordinator_request_duration_seconds_sum", ("method", "ReadKeyValue")).Should().BePositive();

        // RF 3 on 3 embedded nodes: every write reaches every node, each read asks every node.
        Delta(before, after, "coordinator_replica_writes_total", ("result", "ok")).Should().Be(9);
        Delta(before, after, "coordinator_replica_writes_total", ("result", "error")).Should().Be(0);
        after.LabelValues("coordinator_replica_writes_total", "node").Should().Equal("storage-1", "storage-2", "storage-3");
        // The 2 reads find the key on all 3 replicas. Each first write of a key reads first and goes on at quorum, so
        // its third read can reach a replica after the write did and find it (seen once in CI): up to 3 more.
        Delta(before, after, "coordinator_replica_reads_total", ("result", "found")).Should().BeInRange(6, 9);
        Delta(before, after, "coordinator_replica_reads_total", ("result", "not_found")).Should().BeGreaterThanOrEqualTo(3);
        Delta(before, after, "coordinator_replica_reads_total", ("result", "error")).Should().Be(0);
        Delta(before, after, "pairdb_storage_reads_total").Should().Be(Delta(before, after, "coordinator_replica_reads_total"), "each replica read is one storage read");
        Delta(before, after, "coordinator_cache_hits_total").Should().Be(
            6 - Delta(before, after, "coordinator_cache_misses_total"), "the 3 writes and 3 reads looked the tenant up once each");

        Delta(before, after, "coordinator_quorum_failures_total").Should().Be(0);
        Delta(before, after, "coordinator_conflicts_detected_total").Should().Be(0);
        Delta(before, after, "coordinator_repairs_triggered_total").Should().Be(0);
        Delta(before, after, "coordinator_hints_stored_total").Should().Be(0, "every replica acknowledged every write");
        after.Sum("coordinator_hints_pending").Should().Be(0);
        Delta(before, after, "coordinator_reads_full_total").Should().Be(6, "the 3 reads and the 3 writes' reads of their cold keys were all full reads");
        Delta(before, after, "coordinator_reads_speculated_total").Should().Be(0, "a full read has no replica left to ask");
        after.Sum("coordinator_storage_nodes_active").Should().Be(3);
        after.Sum("coordinator_key_actors_live").Should().Be(3, "one key actor per written key; reads and the invalid write start none");
        after.Sum("process_resident_memory_bytes").Should().BeGreaterThan(after.Sum("dotnet_gc_heap_bytes"));
        after.Sum("dotnet_gc_committed_bytes").Should().BePositive();
        after.Sum("coordinator_mailbox_overflows_total").Should().Be(0);
        after.Sum("coordinator_in_flight_refused_total").Should().Be(0);
        Delta(before, after, "coordinator_key_writes_total", ("owner", "local")).Should().Be(3, "a one-coordinator cluster owns every key");

        foreach (var node in new[] { "storage-1", "storage-2", "storage-3" })
        {
            Delta(before, after, "pairdb_storage_writes_total", ("node", node)).Should().Be(3);
            after.Sum("pairdb_storage_keys", ("node", node)).Should().Be(3);
            after.Sum("pairdb_storage_bytes_on_disk", ("node", node)).Should().BePositive();
            Delta(before, after, "pairdb_storage_batch_size_count", ("node", node)).Should().BeInRange(1, 3);
            after.Sum("pairdb_storage_commit_duration_seconds_count", ("node", node)).Should().Be(after.Sum("pairdb_storage_batch_size_count", ("node", node)));
        }

        ExpectTypes(after, new()
        {
            ["coordinator_requests_total"] = "counter",
            ["coordinator_request_duration_seconds"] = "histogram",
            ["coordinator_replica_writes_total"] = "counter",
            ["coordinator_replica_reads_total"] = "counter",
            ["coordinator_cache_hits_total"] = "counter",
            ["coordinator_cache_misses_total"] = "counter",
            ["coordinator_repairs_triggered_total"] = "counter",
            ["coordinator_reads_speculated_total"] = "counter",
            ["coordinator_reads_full_total"] = "counter",
            ["coordinator_storage_nodes_active"] = "gauge",
            ["coordinator_key_actors_live"] = "gauge",
            ["coordinator_key_actors_passivated_total"] = "counter",
            ["coordinator_key_writers_from_last_stamp_total"] = "counter",
            ["coordinator_key_writers_read_first_total"] = "counter",
            ["coordinator_mailbox_overflows_total"] = "counter",
            ["coordinator_in_flight_refused_total"] = "counter",
            ["coordinator_key_writes_total"] = "counter",
            ["coordinator_hints_stored_total"] = "counter",
            ["coordinator_hints_replayed_total"] = "counter",
            ["coordinator_hints_expired_total"] = "counter",
            ["coordinator_hints_dropped_total"] = "counter",
            ["process_resident_memory_bytes"] = "gauge",
            ["dotnet_gc_heap_bytes"] = "gauge",
            ["dotnet_gc_committed_bytes"] = "gauge",
            ["process_cpu_seconds_total"] = "counter",
            ["dotnet_collection_count_total"] = "counter",
            ["pairdb_storage_writes_total"] = "counter",
            ["pairdb_storage_reads_total"] = "counter",
            ["pairdb_storage_batch_size"] = "histogram",
            ["pairdb_storage_commit_duration_seconds"] = "histogram",
            ["pairdb_storage_keys"] = "gauge",
            ["pairdb_storage_bytes_on_disk"] = "gauge",
        });
        await ExpectPromtoolAcceptsAsync(after);
        ExpectFailureLogLines(process);
    }

    [Fact]
    public async Task StorageNode_ScrapeAfterWritesAndRead_OwnSeriesLabelledWithNodeAndPromtoolAccepts()
    {
        var (channel, metricsPort) = await StartStorageAsync("metrics-node");
        for (var i = 0; i < 2; i++)
        {
            var version = new Version { Value = ByteString.CopyFromUtf8("v"), Clock = { new ClockEntry { NodeId = "c", Counter = 1 } }, TimestampMicros = 1 };
            await channel.StorageClient().WriteAsync(new WriteRequest { TenantId = "t", Key = "k" + i, Version = version }, Call).ResponseAsync;
        }

        await channel.StorageClient().ReadAsync(new ReadRequest { TenantId = "t", Key = "k0" }, Call).ResponseAsync;

        using var response = await _http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");
        var scrape = Scrape.Parse(await response.Content.ReadAsStringAsync());

        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; version=0.0.4; charset=utf-8");
        scrape.Sum("pairdb_storage_writes_total", ("node", "metrics-node")).Should().Be(2);
        scrape.Sum("pairdb_storage_reads_total", ("node", "metrics-node")).Should().Be(1);
        scrape.Sum("pairdb_storage_keys", ("node", "metrics-node")).Should().Be(2);
        scrape.Sum("pairdb_storage_bytes_on_disk", ("node", "metrics-node")).Should().BePositive();
        scrape.Sum("pairdb_storage_batch_size_sum", ("node", "metrics-node")).Should().Be(2);
        scrape.Text.Should().NotContain("coordinator_");
        scrape.TypeOf("process_cpu_seconds_total").Should().Be("counter", "prometheus-net's process metrics ride along");
        await ExpectPromtoolAcceptsAsync(scrape);
    }

    private static double Delta(Scrape before, Scrape after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);

    private static void ExpectTypes(Scrape scrape, Dictionary<string, string> types)
    {
        foreach (var (family, type) in types)
        {
            scrape.TypeOf(family).Should().Be(type, $"/metrics should have the {type} {family}");
        }
    }

    private static async Task ExpectPromtoolAcceptsAsync(Scrape scrape)
    {
        var (exitCode, output) = await Promtool.CheckMetricsAsync(scrape.Text);

        exitCode.Should().Be(0, $"promtool check metrics should accept the scrape; it said:\n{output}\n--- scrape ---\n{scrape.Text}");
        output.Trim().Should().BeEmpty("promtool's linter should have nothing to say");
    }

    /// <summary>The failed calls each left one JSON line with tenant, method, status and duration; no line holds a value.</summary>
    private static void ExpectFailureLogLines(ServerProcess process)
    {
        var output = process.Output;
        var failures = output.Split('\n')
            .Where(static line => line.StartsWith('{'))
            .Select(static line => JsonNode.Parse(line)!)
            .Where(static entry => (int?)entry["EventId"] == 2301)
            .Select(static entry => entry["State"]!)
            .Select(static state => $"{state["Tenant"]} {state["Method"]} {state["StatusCode"]} {double.Parse(state["DurationMs"]!.ToString(), CultureInfo.InvariantCulture) > 0}")
            .ToList();

        failures.Should().BeEquivalentTo(["default WriteKeyValue INVALID_ARGUMENT True", "default ReadKeyValue NOT_FOUND True"], output);
        output.Should().NotContain("metrics-value-", "values are never logged");
        output.Should().NotContain("metrics-missing", "keys are never logged");
    }

    private async Task<(ServerProcess Process, GrpcChannel Channel, int MetricsPort)> StartCoordinatorAsync()
    {
        var (port, metricsPort) = (FreePorts.Next(), FreePorts.Next());
        var process = new ServerProcess("coordinator", RepoPaths.CoordinatorDll, new Dictionary<string, string>
        {
            ["SERVER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["HEALTH_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["METRICS_PORT"] = metricsPort.ToString(CultureInfo.InvariantCulture),
            ["DATA_DIR"] = Path.Combine(_root, "coordinator"),
            ["EMBEDDED_STORAGE_NODES"] = "3",
            ["STORAGE_DURABILITY"] = "os",
            // The storage counters are compared exactly: no anti-entropy collection commits between the scrapes.
            ["ANTI_ENTROPY_ENABLED"] = "false",
            ["CLUSTER_PORT"] = "0",
            // The live key actors are counted below: none may be passivated before the scrape, however slow the machine.
            ["PASSIVATE_AFTER_MS"] = "600000",
            // Every read asks all three replicas at once, so the replica read counts below are exact.
            ["READ_FULL_READ_CHANCE"] = "1",
            ["LOG_LEVEL"] = "Information",
        });
        _processes.Add(process);
        var channel = GrpcChannel.ForAddress("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        _channels.Add(channel);
        process.Start();
        await WaitUntilAsync(process, async () =>
            (await channel.CoordinatorClient().GetTenantAsync(new Protocol.Coordinator.GetTenantRequest { TenantId = "default" }, Call).ResponseAsync).ReplicationFactor > 0);
        return (process, channel, metricsPort);
    }

    private async Task<(GrpcChannel Channel, int MetricsPort)> StartStorageAsync(string nodeId)
    {
        var (port, metricsPort) = (FreePorts.Next(), FreePorts.Next());
        var process = new ServerProcess(nodeId, RepoPaths.StorageDll, new Dictionary<string, string>
        {
            ["NODE_ID"] = nodeId,
            ["SERVER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["HEALTH_PORT"] = "off",
            ["METRICS_PORT"] = metricsPort.ToString(CultureInfo.InvariantCulture),
            ["DATA_DIR"] = Path.Combine(_root, nodeId),
            ["DURABILITY"] = "os",
        });
        _processes.Add(process);
        var channel = GrpcChannel.ForAddress("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        _channels.Add(channel);
        process.Start();
        await WaitUntilAsync(process, async () => (await channel.StorageClient().HealthCheckAsync(new HealthCheckRequest(), Call).ResponseAsync).Healthy);
        return (channel, metricsPort);
    }

    private async Task<Scrape> ScrapeAsync(int metricsPort)
    {
        using var response = await _http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");
        response.EnsureSuccessStatusCode();
        return Scrape.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<Scrape> ScrapeUntilAsync(int metricsPort, Func<Scrape, bool> settled)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var scrape = await ScrapeAsync(metricsPort);
            if (settled(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(100);
        }
    }

    private static async Task WaitUntilAsync(ServerProcess process, Func<Task<bool>> ready)
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
                if (await ready())
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
