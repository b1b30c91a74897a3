using System.Diagnostics.Metrics;
using FluentAssertions;
using PairDb.Storage.Observability;

namespace PairDb.Storage.Tests.Observability;

/// <summary>
/// The exporter against real meters, read through prometheus-net's exposition. Each test owns a meter with a unique
/// name, so exporters of tests running in parallel never see each other's instruments.
/// </summary>
public sealed class MeterExporterTests : IDisposable
{
    private readonly string _meterName = "PairDb.Tests." + Guid.NewGuid().ToString("N");
    private readonly List<Meter> _meters = [];

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }

    [Fact]
    public async Task Scrape_CounterWithTags_SumsPerLabelSetWhateverTheTagOrder()
    {
        var counter = NewMeter().CreateCounter<long>("requests_total", description: "Calls.");
        using var exporter = new MeterExporter(_meterName);

        counter.Add(1, new("method", "Read"), new("code", "OK"));
        counter.Add(2, new("code", "OK"), new("method", "Read"));
        counter.Add(5, new("method", "Write"), new("code", "OK"));

        var text = await ExporterScrape.TextAsync(exporter);
        text.Should().StartWith("# HELP requests_total Calls.\n# TYPE requests_total counter\n");
        (await ExporterScrape.SamplesAsync(exporter)).Should().BeEquivalentTo(
            "requests_total{code=\"OK\",method=\"Read\"} 3", "requests_total{code=\"OK\",method=\"Write\"} 5");
    }

    [Fact]
    public async Task Scrape_CounterNamedWithoutTotal_GetsTotalSuffixAndSanitisedName()
    {
        var counter = NewMeter().CreateCounter<int>("pairdb.storage.writes");
        using var exporter = new MeterExporter(_meterName);

        counter.Add(4);

        (await ExporterScrape.TextAsync(exporter)).Should().Be(
            "# HELP pairdb_storage_writes_total pairdb.storage.writes\n# TYPE pairdb_storage_writes_total counter\npairdb_storage_writes_total 4\n",
            "an instrument without a description is described by its name");
    }

    [Fact]
    public async Task Scrape_CounterNeverIncremented_IsLeftOut()
    {
        NewMeter().CreateCounter<long>("idle_total");
        using var exporter = new MeterExporter(_meterName);

        (await ExporterScrape.TextAsync(exporter)).Should().BeEmpty();
    }

    [Fact]
    public async Task Scrape_NegativeCounterIncrement_IsIgnoredWithoutThrowing()
    {
        var counter = NewMeter().CreateCounter<long>("odd_total");
        using var exporter = new MeterExporter(_meterName);

        counter.Add(3);
        counter.Add(-1);

        (await ExporterScrape.SamplesAsync(exporter)).Should().Equal("odd_total 3");
    }

    [Fact]
    public async Task Scrape_UpDownCounter_IsGaugeOfTheRunningSum()
    {
        var inFlight = NewMeter().CreateUpDownCounter<long>("in_flight");
        using var exporter = new MeterExporter(_meterName);

        inFlight.Add(3);
        inFlight.Add(-1);

        (await ExporterScrape.TextAsync(exporter)).Should().Contain("# TYPE in_flight gauge\nin_flight 2\n");
    }

    [Fact]
    public async Task Scrape_SynchronousGauge_KeepsTheLastValue()
    {
        var gauge = NewMeter().CreateGauge<double>("temperature");
        using var exporter = new MeterExporter(_meterName);

        gauge.Record(20.5);
        gauge.Record(19);

        (await ExporterScrape.SamplesAsync(exporter)).Should().Equal("temperature 19");
    }

    [Fact]
    public async Task Scrape_ObservableGauge_ReadsTheCallbackAtEachScrape()
    {
        var level = 7;
        NewMeter().CreateObservableGauge("queue_depth", () => level, description: "Queued.");
        using var exporter = new MeterExporter(_meterName);

        var first = await ExporterScrape.TextAsync(exporter);
        level = 9;
        var second = await ExporterScrape.TextAsync(exporter);

        first.Should().Be("# HELP queue_depth Queued.\n# TYPE queue_depth gauge\nqueue_depth 7\n");
        second.Should().Be("# HELP queue_depth Queued.\n# TYPE queue_depth gauge\nqueue_depth 9\n");
    }

    [Fact]
    public async Task Scrape_ObservableSeriesNoLongerReported_Disappears()
    {
        var nodes = new List<string> { "a", "b" };
        NewMeter().CreateObservableGauge("node_up", () => nodes.Select(n => new Measurement<int>(1, new KeyValuePair<string, object?>("node", n))));
        using var exporter = new MeterExporter(_meterName);

        var before = await ExporterScrape.SamplesAsync(exporter);
        nodes.Remove("a");
        var after = await ExporterScrape.SamplesAsync(exporter);

        before.Should().BeEquivalentTo("node_up{node=\"a\"} 1", "node_up{node=\"b\"} 1");
        after.Should().Equal("node_up{node=\"b\"} 1");
    }

    [Fact]
    public async Task Scrape_UnlabelledObservableStopsReporting_SampleDisappears()
    {
        var running = true;
        NewMeter().CreateObservableGauge("live", () => running ? [new Measurement<int>(3)] : Array.Empty<Measurement<int>>());
        using var exporter = new MeterExporter(_meterName);

        var before = await ExporterScrape.SamplesAsync(exporter);
        running = false;
        var after = await ExporterScrape.SamplesAsync(exporter);

        before.Should().Equal("live 3");
        after.Should().BeEmpty();
    }

    [Fact]
    public async Task Scrape_ObservableCounter_ReportsTheObservedTotalAsCounter()
    {
        long total = 10;
        NewMeter().CreateObservableCounter("repairs_triggered_total", () => total);
        using var exporter = new MeterExporter(_meterName);

        await ExporterScrape.TextAsync(exporter);
        total = 12;
        var text = await ExporterScrape.TextAsync(exporter);

        text.Should().Be(
            "# HELP repairs_triggered_total repairs_triggered_total\n# TYPE repairs_triggered_total counter\nrepairs_triggered_total 12\n",
            "an observable counter reports its total, which must not be added up");
    }

    [Fact]
    public async Task Scrape_HistogramWithAdvice_CountsIntoAdvisedBucketsInclusively()
    {
        var histogram = NewMeter().CreateHistogram<double>(
            "latency_seconds", "s", "Latency.", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5] });
        using var exporter = new MeterExporter(_meterName);

        foreach (var value in new[] { 0.5, 1, 1.5, 7 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("method", "Read"));
        }

        (await ExporterScrape.TextAsync(exporter)).Should().Contain("# TYPE latency_seconds histogram\n");
        (await ExporterScrape.SamplesAsync(exporter)).Should().BeEquivalentTo(
            "latency_seconds_bucket{method=\"Read\",le=\"1\"} 2",
            "latency_seconds_bucket{method=\"Read\",le=\"2\"} 3",
            "latency_seconds_bucket{method=\"Read\",le=\"5\"} 3",
            "latency_seconds_bucket{method=\"Read\",le=\"+Inf\"} 4",
            "latency_seconds_sum{method=\"Read\"} 10",
            "latency_seconds_count{method=\"Read\"} 4");
    }

    [Fact]
    public async Task Scrape_IntegerHistogramWithoutAdvice_UsesDefaultBounds()
    {
        var histogram = NewMeter().CreateHistogram<int>("batch_size");
        using var exporter = new MeterExporter(_meterName);

        histogram.Record(3);

        var buckets = (await ExporterScrape.SamplesAsync(exporter)).Where(static line => line.StartsWith("batch_size_bucket", StringComparison.Ordinal));
        buckets.Should().Equal(
            "batch_size_bucket{le=\"0.005\"} 0", "batch_size_bucket{le=\"0.01\"} 0", "batch_size_bucket{le=\"0.025\"} 0",
            "batch_size_bucket{le=\"0.05\"} 0", "batch_size_bucket{le=\"0.1\"} 0", "batch_size_bucket{le=\"0.25\"} 0",
            "batch_size_bucket{le=\"0.5\"} 0", "batch_size_bucket{le=\"1\"} 0", "batch_size_bucket{le=\"2.5\"} 0",
            "batch_size_bucket{le=\"5\"} 1", "batch_size_bucket{le=\"10\"} 1", "batch_size_bucket{le=\"+Inf\"} 1");
    }

    [Fact]
    public async Task Scrape_SameInstrumentOnMetersWithDifferentTags_MergesIntoOneFamilyLabelledByMeterTag()
    {
        using var exporter = new MeterExporter(_meterName);
        var first = NewMeter(new KeyValuePair<string, object?>("node", "storage-1")).CreateCounter<long>("writes_total");
        var second = NewMeter(new KeyValuePair<string, object?>("node", "storage-2")).CreateCounter<long>("writes_total");

        first.Add(2);
        second.Add(5);

        var text = await ExporterScrape.TextAsync(exporter);
        text.Split('\n').Count(static line => line.StartsWith("# TYPE", StringComparison.Ordinal)).Should().Be(1);
        (await ExporterScrape.SamplesAsync(exporter)).Should().BeEquivalentTo("writes_total{node=\"storage-1\"} 2", "writes_total{node=\"storage-2\"} 5");
    }

    [Fact]
    public async Task Scrape_MeterTagsAndMeasurementTags_AreCombinedAsLabels()
    {
        var writes = NewMeter(new KeyValuePair<string, object?>("node", "storage-1")).CreateCounter<long>("writes_total");
        using var exporter = new MeterExporter(_meterName);

        writes.Add(3, new KeyValuePair<string, object?>("result", "ok"));
        writes.Add(1, new KeyValuePair<string, object?>("result", "error"));

        (await ExporterScrape.SamplesAsync(exporter)).Should().BeEquivalentTo(
            "writes_total{node=\"storage-1\",result=\"ok\"} 3", "writes_total{node=\"storage-1\",result=\"error\"} 1");
    }

    [Fact]
    public async Task Scrape_NonStringTagValues_AreFormattedInvariantly()
    {
        var counter = NewMeter().CreateCounter<long>("codes_total");
        using var exporter = new MeterExporter(_meterName);

        counter.Add(1, new KeyValuePair<string, object?>("code", 14), new KeyValuePair<string, object?>("ok", false));
        counter.Add(1, new KeyValuePair<string, object?>("ok", false), new KeyValuePair<string, object?>("code", 14));

        (await ExporterScrape.SamplesAsync(exporter)).Should().Equal("codes_total{code=\"14\",ok=\"False\"} 2");
    }

    [Fact]
    public async Task Scrape_MeterDisposed_ItsSeriesAreGone()
    {
        using var exporter = new MeterExporter(_meterName);
        var dropped = NewMeter(new KeyValuePair<string, object?>("node", "gone"));
        NewMeter().CreateCounter<long>("kept_total").Add(1);
        dropped.CreateCounter<long>("dropped_total").Add(1);
        (await ExporterScrape.SamplesAsync(exporter)).Should().HaveCount(2);

        dropped.Dispose();

        (await ExporterScrape.SamplesAsync(exporter)).Should().Equal("kept_total 1");
    }

    [Fact]
    public async Task Scrape_NodeMeterDisposedAndRecreated_NewSeriesStartsFromZero()
    {
        using var exporter = new MeterExporter(_meterName);
        var node = new KeyValuePair<string, object?>("node", "storage-1");
        var first = NewMeter(node);
        first.CreateCounter<long>("writes_total").Add(5);
        first.Dispose();

        NewMeter(node).CreateCounter<long>("writes_total").Add(2);

        (await ExporterScrape.SamplesAsync(exporter)).Should().Equal("writes_total{node=\"storage-1\"} 2");
    }

    [Fact]
    public async Task Scrape_InstrumentOfAnotherMeter_IsNotExported()
    {
        using var exporter = new MeterExporter(_meterName);
        using var other = new Meter(_meterName + ".other");
        other.CreateCounter<long>("other_total").Add(1);
        NewMeter().CreateCounter<long>("mine_total").Add(1);

        (await ExporterScrape.SamplesAsync(exporter)).Should().Equal("mine_total 1");
    }

    [Fact]
    public async Task Scrape_InstrumentCreatedAfterTheExporter_IsExported()
    {
        using var exporter = new MeterExporter(_meterName);
        var counter = NewMeter().CreateCounter<long>("late_total");

        counter.Add(6);

        (await ExporterScrape.SamplesAsync(exporter)).Should().Equal("late_total 6");
    }

    [Fact]
    public async Task Scrape_TwoExportersOverOneMeter_EachCountsEveryMeasurementOnce()
    {
        using var first = new MeterExporter(_meterName);
        using var second = new MeterExporter(_meterName);
        var counter = NewMeter().CreateCounter<long>("shared_total");

        counter.Add(2);

        (await ExporterScrape.SamplesAsync(first)).Should().Equal("shared_total 2");
        (await ExporterScrape.SamplesAsync(second)).Should().Equal("shared_total 2");
    }

    [Fact]
    public async Task Scrape_SameNameAsAnotherKind_SecondInstrumentIsLeftOutWithoutThrowing()
    {
        var meter = NewMeter();
        var counter = meter.CreateCounter<long>("clash_total");
        var gauge = meter.CreateGauge<long>("clash_total");
        using var exporter = new MeterExporter(_meterName);

        counter.Add(1);
        gauge.Record(7);
        gauge.Record(8);

        (await ExporterScrape.TextAsync(exporter)).Should().Be("# HELP clash_total clash_total\n# TYPE clash_total counter\nclash_total 1\n");
    }

    [Fact]
    public async Task AddProcessMetrics_Scrape_CarriesPrometheusNetProcessAndRuntimeMetricsBesideOurs()
    {
        using var exporter = new MeterExporter(_meterName);
        exporter.AddProcessMetrics();
        NewMeter().CreateCounter<long>("ours_total").Add(1);

        var text = await ExporterScrape.TextAsync(exporter);

        text.Should().Contain("# TYPE process_cpu_seconds_total counter\n")
            .And.Contain("# TYPE process_working_set_bytes gauge\n")
            .And.Contain("# TYPE dotnet_collection_count_total counter\n")
            .And.Contain("\nours_total 1\n");
    }

    [Fact]
    public async Task Scrape_ConcurrentAdds_CountsEveryOne()
    {
        var counter = NewMeter().CreateCounter<long>("parallel_total");
        using var exporter = new MeterExporter(_meterName);
        string[] methods = ["Read", "Write", "Delete"];

        Parallel.For(0, 30_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            counter.Add(1, new KeyValuePair<string, object?>("method", methods[i % 3])));

        (await ExporterScrape.SamplesAsync(exporter)).Should().BeEquivalentTo(
            "parallel_total{method=\"Delete\"} 10000", "parallel_total{method=\"Read\"} 10000", "parallel_total{method=\"Write\"} 10000");
    }

    [Fact]
    public async Task Record_IntoExistingSeries_AllocatesNothing()
    {
        var counter = NewMeter().CreateCounter<long>("hot_total");
        var histogram = NewMeter().CreateHistogram<double>("hot_seconds");
        var gauge = NewMeter().CreateUpDownCounter<long>("hot_in_flight");
        using var exporter = new MeterExporter(_meterName);
        var method = new KeyValuePair<string, object?>("method", "Write");
        var code = new KeyValuePair<string, object?>("code", "OK");
        counter.Add(1, method, code);
        histogram.Record(0.1, method);
        gauge.Add(1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            counter.Add(1, code, method);
            histogram.Record(0.1, method);
            gauge.Add(1);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0, "recording with string tags into a known series must not allocate");
        (await ExporterScrape.SamplesAsync(exporter)).Should().Contain(["hot_total{code=\"OK\",method=\"Write\"} 1001", "hot_in_flight 1001"]);
    }

    private Meter NewMeter(params KeyValuePair<string, object?>[] tags)
    {
        var meter = new Meter(new MeterOptions(_meterName) { Tags = tags });
        _meters.Add(meter);
        return meter;
    }
}
