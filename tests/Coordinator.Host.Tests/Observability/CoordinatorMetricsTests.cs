using FluentAssertions;
using PairDb.Coordinator.Observability;
using PairDb.Coordinator.RateLimits;
using PairDb.Messages.Values;
using PairDb.Storage.Observability;

namespace PairDb.Coordinator.Tests.Observability;

/// <summary>
/// The coordinator's instruments as its /metrics exports them: the names, types, labels and buckets the dashboards
/// and docs/observability.md rely on. The instruments are process-wide, so each test records under label values of
/// its own and looks only at those.
/// </summary>
public sealed class CoordinatorMetricsTests : IDisposable
{
    private readonly MeterExporter _exporter = new([.. CoordinatorObservability.MeterNames]);
    private readonly string _unique = Guid.NewGuid().ToString("N");

    public void Dispose() => _exporter.Dispose();

    [Fact]
    public async Task Scrape_RequestCountedAndTimed_CounterByMethodAndCodeAndHistogramWithTheAdvisedBuckets()
    {
        var method = "Method" + _unique;

        CoordinatorInstruments.Requests.Add(1, new("method", method), new("code", "NOT_FOUND"));
        CoordinatorInstruments.RequestDuration.Record(0.003, new KeyValuePair<string, object?>("method", method));

        var text = await ExporterScrape.TextAsync(_exporter);
        var samples = Mine(await ExporterScrape.SamplesAsync(_exporter));
        text.Should().Contain("# TYPE coordinator_requests_total counter\n").And.Contain("# TYPE coordinator_request_duration_seconds histogram\n");
        samples.Should().Equal(
            $"coordinator_requests_total{{code=\"NOT_FOUND\",method=\"{method}\"}} 1",
            $"coordinator_request_duration_seconds_sum{{method=\"{method}\"}} 0.003",
            $"coordinator_request_duration_seconds_count{{method=\"{method}\"}} 1",
            Bucket(method, "0.0005", 0), Bucket(method, "0.001", 0), Bucket(method, "0.0025", 0), Bucket(method, "0.005", 1),
            Bucket(method, "0.01", 1), Bucket(method, "0.025", 1), Bucket(method, "0.05", 1), Bucket(method, "0.1", 1),
            Bucket(method, "0.25", 1), Bucket(method, "0.5", 1), Bucket(method, "1", 1), Bucket(method, "2.5", 1),
            Bucket(method, "5", 1), Bucket(method, "10", 1), Bucket(method, "+Inf", 1));
    }

    [Fact]
    public async Task Scrape_ReplicaCalls_CountedByNodeAndResult()
    {
        var node = "storage-" + _unique;

        CoordinatorInstruments.ReplicaWrite(node, ok: true);
        CoordinatorInstruments.ReplicaWrite(node, ok: false);
        CoordinatorInstruments.ReplicaRead(node, ok: true, found: true);
        CoordinatorInstruments.ReplicaRead(node, ok: true, found: false);
        CoordinatorInstruments.ReplicaRead(node, ok: false, found: false);

        var text = await ExporterScrape.TextAsync(_exporter);
        text.Should().Contain("# TYPE coordinator_replica_writes_total counter\n").And.Contain("# TYPE coordinator_replica_reads_total counter\n");
        Mine(await ExporterScrape.SamplesAsync(_exporter)).Should().BeEquivalentTo(
            $"coordinator_replica_writes_total{{node=\"{node}\",result=\"ok\"}} 1",
            $"coordinator_replica_writes_total{{node=\"{node}\",result=\"error\"}} 1",
            $"coordinator_replica_reads_total{{node=\"{node}\",result=\"found\"}} 1",
            $"coordinator_replica_reads_total{{node=\"{node}\",result=\"not_found\"}} 1",
            $"coordinator_replica_reads_total{{node=\"{node}\",result=\"error\"}} 1");
    }

    [Fact]
    public async Task Scrape_BatchItems_CountedByMethodAndCode()
    {
        var method = "Batch" + _unique;

        CoordinatorInstruments.BatchItem(method, Grpc.Core.StatusCode.OK);
        CoordinatorInstruments.BatchItem(method, Grpc.Core.StatusCode.OK);
        CoordinatorInstruments.BatchItem(method, Grpc.Core.StatusCode.NotFound);

        var text = await ExporterScrape.TextAsync(_exporter);
        text.Should().Contain("# TYPE coordinator_batch_items_total counter\n");
        Mine(await ExporterScrape.SamplesAsync(_exporter)).Should().BeEquivalentTo(
            $"coordinator_batch_items_total{{code=\"OK\",method=\"{method}\"}} 2",
            $"coordinator_batch_items_total{{code=\"NOT_FOUND\",method=\"{method}\"}} 1");
    }

    [Fact]
    public async Task Scrape_RateLimitRefusals_CountedByTenantAndLimitWithTenantsBeyondTheBoundAsOther()
    {
        var limiter = new TenantRateLimiter(RateLimitSettings.Default with { MetricTenants = 1 }, TimeProvider.System);
        var named = new Tenant("named-" + _unique, 1, default, default, 1, new TenantRateLimits(1, 100));
        var unnamed = new Tenant("unnamed-" + _unique, 1, default, default, 1, new TenantRateLimits(1, 0));

        limiter.TryAdmit(named, 1, 10);
        limiter.TryAdmit(named, 1, 10);
        limiter.TryAdmit(named, 1, 10);
        limiter.TryAdmit(unnamed, 1, 0);
        limiter.TryAdmit(unnamed, 1, 0);

        var text = await ExporterScrape.TextAsync(_exporter);
        text.Should().Contain("# TYPE coordinator_rate_limited_total counter\n").And.Contain("coordinator_rate_limited_total{limit=\"requests\",tenant=\":other\"}");
        Mine(await ExporterScrape.SamplesAsync(_exporter)).Should().Equal($"coordinator_rate_limited_total{{limit=\"requests\",tenant=\"named-{_unique}\"}} 2");
    }

    [Fact]
    public async Task Scrape_QuorumFailureAndConflict_CountersUnderTheirNames()
    {
        CoordinatorInstruments.QuorumFailed(CoordinatorInstruments.WriteOperation);
        CoordinatorInstruments.ConflictDetected();

        var text = await ExporterScrape.TextAsync(_exporter);

        text.Should().Contain("# TYPE coordinator_quorum_failures_total counter\ncoordinator_quorum_failures_total{operation=\"write\"} ");
        text.Should().Contain("# TYPE coordinator_conflicts_detected_total counter\ncoordinator_conflicts_detected_total ");
    }

    [Fact]
    public async Task Scrape_RuntimeNotStarted_ProcessGaugesOnlyAndNoRuntimeSeries()
    {
        using var instruments = new RuntimeInstruments(static () => null);

        var text = await ExporterScrape.TextAsync(_exporter);

        foreach (var gauge in new[] { "process_resident_memory_bytes", "dotnet_gc_heap_bytes", "dotnet_gc_committed_bytes" })
        {
            text.Should().Contain($"# TYPE {gauge} gauge\n{gauge} ");
        }

        text.Should().NotContain("\ncoordinator_repairs_triggered_total ").And.NotContain("\ncoordinator_key_actors_live ");
    }

    private static string Bucket(string method, string le, int count) =>
        $"coordinator_request_duration_seconds_bucket{{method=\"{method}\",le=\"{le}\"}} {count}";

    private List<string> Mine(List<string> samples) => [.. samples.Where(line => line.Contains(_unique, StringComparison.Ordinal))];
}
